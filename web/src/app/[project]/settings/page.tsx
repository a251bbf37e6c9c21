import { SettingsPage } from '../../../features/settings/components/settings-page'

export default async function Page({ params }: PageProps<'/[project]/settings'>) {
  const { project } = await params
  return <SettingsPage projectId={decodeURIComponent(project)} />
}
