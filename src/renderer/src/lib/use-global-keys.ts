import { useEffect, useEffectEvent, type RefObject } from 'react'

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
}

export interface GlobalCommands {
  /** Ctrl/Cmd+P: pause or resume monitoring. */
  pause(): void
  /** Ctrl/Cmd+S: export the shown rows as CSV. */
  exportCsv(): void
}

/**
 * "/" focuses the filter (unless the user is typing somewhere); Esc closes the story; Ctrl/Cmd+P pauses
 * or resumes and Ctrl/Cmd+S exports (both outside dialogs, taking those keys from print and save page).
 */
export function useGlobalKeys(filterRef: RefObject<HTMLInputElement | null>, closeStory: () => void, commands?: GlobalCommands): void {
  // The latest commands, for the listener the effect adds once.
  const run = useEffectEvent((key: 'p' | 's') => (key === 'p' ? commands?.pause() : commands?.exportCsv()))
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const mod = /mac/i.test(navigator.platform) ? event.metaKey : event.ctrlKey
      const inDialog = event.target instanceof Element && event.target.closest('dialog') !== null
      if (mod && !event.altKey && !event.shiftKey && !inDialog && (event.key === 'p' || event.key === 's')) {
        event.preventDefault()
        run(event.key)
      } else if (event.key === '/' && !event.ctrlKey && !event.metaKey && !event.altKey && !isTyping(event.target)) {
        event.preventDefault()
        filterRef.current?.focus()
        filterRef.current?.select()
      } else if (event.key === 'Escape') {
        closeStory()
      }
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [filterRef, closeStory])
}
