// jsdom has no HTMLDialogElement.showModal/close (jsdom/jsdom#3294). This fills in the parts of the HTML
// standard the page's Dialog relies on, and nothing more: showModal() and close() set `open` and fire
// `close`; Esc on a page with an open modal dialog is a close request: `cancel` (cancelable) at the
// topmost one, then close() unless cancelled. Esc only counts when its keydown was not cancelled, as in
// browsers. The real dialog (inertness, focus trapping by the browser) is tested end to end in tests/e2e.

const modals: HTMLDialogElement[] = []

function close(this: HTMLDialogElement): void {
  if (!this.open) return
  this.removeAttribute('open')
  const at = modals.indexOf(this)
  if (at >= 0) modals.splice(at, 1)
  this.dispatchEvent(new Event('close'))
}

function showModal(this: HTMLDialogElement): void {
  if (this.open) throw new DOMException('The dialog is already open.', 'InvalidStateError')
  if (!this.isConnected) throw new DOMException('The dialog is not in a document.', 'InvalidStateError')
  this.setAttribute('open', '')
  modals.push(this)
}

function onKeyDown(event: KeyboardEvent): void {
  if (event.key !== 'Escape') return
  // After the keydown has run through the page: a handler may cancel it.
  queueMicrotask(() => {
    const top = modals.at(-1)
    if (event.defaultPrevented || !top?.isConnected) return
    if (top.dispatchEvent(new Event('cancel', { cancelable: true }))) close.call(top)
  })
}

let installed = false

export function installDialogFill(): void {
  if (installed || typeof HTMLDialogElement.prototype.showModal === 'function') return
  installed = true
  Object.assign(HTMLDialogElement.prototype, { showModal, close })
  window.addEventListener('keydown', onKeyDown, true)
}
