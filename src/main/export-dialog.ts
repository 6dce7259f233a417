import { dialog, type BrowserWindow } from 'electron'
import { writeFileAtomic } from './storage/atomic-file'
import type { ExportResult } from '../shared/ipc'

/** Asks where to save an export, then writes it atomically. */
export async function saveExportWithDialog(
  win: BrowserWindow | null,
  file: { content: string; count: number; suggestedName: string },
): Promise<ExportResult> {
  const extension = file.suggestedName.split('.').pop() ?? 'txt'
  const options = {
    title: 'Export listeners',
    defaultPath: file.suggestedName,
    filters: [{ name: extension.toUpperCase(), extensions: [extension] }],
  }
  const choice = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options)
  if (choice.canceled || !choice.filePath) return { saved: false, path: null, count: file.count }
  writeFileAtomic(choice.filePath, file.content)
  return { saved: true, path: choice.filePath, count: file.count }
}
