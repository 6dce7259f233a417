import { create } from 'zustand'

/** How long the export's message stays (with its Show in folder button) before it clears itself. */
export const EXPORT_MESSAGE_MS = 12_000

export interface ExportReport {
  text: string
  /** The saved file, for "Show in folder"; null when nothing was saved. */
  savedPath: string | null
  /** Stays until the next report (an export in progress). */
  sticky: boolean
}

export interface ExportState {
  message: ExportReport | null
  report: (message: ExportReport) => void
  dismiss: () => void
}

let timer: ReturnType<typeof setTimeout> | null = null

export const useExportStore = create<ExportState>()((set) => ({
  message: null,
  report: (message) => {
    if (timer !== null) clearTimeout(timer)
    timer = null
    set({ message })
    if (!message.sticky) {
      timer = setTimeout(() => {
        timer = null
        set({ message: null })
      }, EXPORT_MESSAGE_MS)
    }
  },
  dismiss: () => set({ message: null }),
}))
