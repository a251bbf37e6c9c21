'use client'

import { useEffect } from 'react'

/** Opens the step named by the URL's `#step-…` (a link from Denials or Provenance) and scrolls to it. */
export function OpenLinkedStep() {
  useEffect(() => {
    const open = () => {
      const id = decodeURIComponent(window.location.hash.slice(1))
      if (!id.startsWith('step-')) return
      const target = document.getElementById(id)
      if (target instanceof HTMLDetailsElement) {
        target.open = true
        target.scrollIntoView({ block: 'start' })
      }
    }
    open()
    window.addEventListener('hashchange', open)
    return () => window.removeEventListener('hashchange', open)
  }, [])
  return null
}
