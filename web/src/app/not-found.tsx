import Link from 'next/link'

export default function NotFound() {
  return (
    <main className="empty-state standalone">
      <h1>Not found</h1>
      <p>There is nothing here, or your account has no role in this project.</p>
      <Link href="/">Go to your first project</Link>
    </main>
  )
}
