import { Notification } from 'electron'
import type { AlertBatch } from './core/alerts'

/** Shows one desktop notification for a batch of new listeners; a click brings up the rows. */
export function showAlert(batch: AlertBatch, onClick: () => void): void {
  if (!Notification.isSupported()) return
  const notification = new Notification({ title: batch.title, body: batch.body, silent: false })
  notification.on('click', onClick)
  notification.show()
}
