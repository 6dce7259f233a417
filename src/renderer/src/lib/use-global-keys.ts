import { useEffect, type RefObject } from 'react'

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
}

/** "/" focuses the filter (unless the user is typing somewhere); Esc closes the story. */
export function useGlobalKeys(filterRef: RefObject<HTMLInputElement | null>, closeStory: () => void): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === '/' && !event.ctrlKey && !event.metaKey && !event.altKey && !isTyping(event.target)) {
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
