import { Notification } from 'electron'

// A Notification that is garbage-collected before it is clicked never delivers the click: keep each one
// until it is clicked, closed or has failed.
const shown = new Set<Notification>()

export interface DesktopMessage {
  title: string
  body: string
}

/** Shows one desktop notification (a batch of new listeners, say); a click runs onClick. */
export function showAlert(message: DesktopMessage, onClick: () => void, log: (message: string) => void = console.warn): void {
  if (!Notification.isSupported()) return
  const notification = new Notification({ title: message.title, body: message.body, silent: false })
  const release = () => shown.delete(notification)
  notification.on('click', () => {
    release()
    onClick()
  })
  notification.on('close', release)
  // Unsigned macOS builds fail here without any other sign since Electron 42.
  notification.on('failed', (_event, error) => {
    release()
    log(`portolan: a desktop notification could not be shown: ${error}`)
  })
  shown.add(notification)
  notification.show()
}
