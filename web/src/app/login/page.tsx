import type { Metadata } from 'next'
import { LoginForm } from '../../features/auth/components/login-form'
import { safeNextPath } from '../../features/auth/next-path'

export const metadata: Metadata = { title: 'Sign in · Tollgate' }

export default async function LoginPage({ searchParams }: PageProps<'/login'>) {
  const params = await searchParams
  const notice = params.expired !== undefined ? 'Your session ended. Sign in again.' : null
  return (
    <main className="login-page">
      <LoginForm next={safeNextPath(params.next)} notice={notice} />
    </main>
  )
}
