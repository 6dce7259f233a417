import { create } from 'zustand'

/** How long an action's one-line feedback stays before it clears itself. */
export const FEEDBACK_MS = 6000

export interface ActionState {
  /** The last action's outcome, one line; '' for none. */
  feedback: string
  /** Rows whose processes the stop dialog is about; null while it is closed. */
  stopIds: string[] | null
  /** Where the page's context menu is open (viewport px); null while closed. */
  menu: { x: number; y: number } | null
  say: (text: string) => void
  openStop: (rowIds: string[]) => void
  closeStop: () => void
  openMenu: (x: number, y: number) => void
  closeMenu: () => void
}

let clearTimer: ReturnType<typeof setTimeout> | null = null

export const useActionStore = create<ActionState>()((set) => ({
  feedback: '',
  stopIds: null,
  menu: null,
  say: (feedback) => {
    if (clearTimer !== null) clearTimeout(clearTimer)
    set({ feedback })
    clearTimer = setTimeout(() => {
      clearTimer = null
      set({ feedback: '' })
    }, FEEDBACK_MS)
  },
  openStop: (stopIds) => set({ stopIds, menu: null }),
  closeStop: () => set({ stopIds: null }),
  openMenu: (x, y) => set({ menu: { x, y } }),
  closeMenu: () => set({ menu: null }),
}))
