import { AppShell } from '../../features/shell/components/app-shell'

export default async function ProjectLayout({ children, params }: LayoutProps<'/[project]'>) {
  const { project } = await params
  return <AppShell projectId={decodeURIComponent(project)}>{children}</AppShell>
}
