import { useSyncExternalStore } from 'react'

const subscribe = () => () => {}

/**
 * False on the server and while the page hydrates, true once React runs it in the browser.
 * Controls whose work needs React (an onClick, a form posted to a server action whose answer
 * the form shows) stay disabled until then: a click before hydration would otherwise do
 * nothing, or post the form natively, and a reload of that page would post it again (a second
 * key, a second member).
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  )
}
