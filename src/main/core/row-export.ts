import { exportRows, type ExportFormat } from '../../shared/export'
import type { Row } from '../../shared/row'
import { InputError } from '../../shared/validate'
import { localPortUrl } from './local-url'

/** The listed rows, looked up in main by id (never taken from the page): exported, or opened in the browser. */
export class RowExport {
  constructor(private readonly monitor: { row(id: string): Row | undefined }) {}

  /** The listed rows with these ids, serialised; ids no longer listed are skipped. */
  exportFile(rowIds: readonly string[], format: ExportFormat): { content: string; count: number; suggestedName: string } {
    const rows = rowIds.map((id) => this.monitor.row(id)).filter((row) => row !== undefined)
    const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')
    return { content: exportRows(rows, format), count: rows.length, suggestedName: `portolan-listeners-${stamp}.${format}` }
  }

  /** http://localhost:PORT for a listed TCP listener, built here from the row, never from the page. */
  browserUrlFor(rowId: string): string {
    const row = this.monitor.row(rowId)
    if (!row) throw new InputError('that listener is no longer listed')
    if (row.protocol !== 'tcp' || row.state !== 'LISTEN') throw new InputError('only TCP listeners can be opened in a browser')
    return localPortUrl(row.port)
  }
}
