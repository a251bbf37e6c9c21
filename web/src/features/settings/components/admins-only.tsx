/** In place of an admin panel for other roles: what it is and who can use it, not an error. */
export function AdminsOnly({ title, what, role }: { title: string; what: string; role: string }) {
  return (
    <section className="card" aria-labelledby={`${slug(title)}-title`}>
      <h2 id={`${slug(title)}-title`}>{title}</h2>
      <p>
        <span className="badge">admins only</span> {what} are managed by the project’s admins. Your role here
        is {role.toLowerCase()}; ask an admin if you need a change.
      </p>
    </section>
  )
}

const slug = (title: string) => title.toLowerCase().replace(/[^a-z0-9]+/g, '-')
