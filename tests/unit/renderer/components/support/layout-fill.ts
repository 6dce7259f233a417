// jsdom lays nothing out: every clientHeight is 0, so the virtualized grid (TanStack Virtual sizes its
// window from the scroll box's clientHeight) would draw no rows. The grid's scroll box gets the size it has
// in an 1280×800 window; nothing else is sized. Layout itself is tested in the browser (tests/e2e).

const GRID_BODY = { width: 1280, height: 640 }

let installed = false

export function installGridLayout(): void {
  if (installed) return
  installed = true
  const proto = HTMLElement.prototype
  const height = Object.getOwnPropertyDescriptor(Element.prototype, 'clientHeight')
  const width = Object.getOwnPropertyDescriptor(Element.prototype, 'clientWidth')
  const sized = (element: Element) => element.classList.contains('grid-body')
  Object.defineProperty(proto, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement): number {
      return sized(this) ? GRID_BODY.height : ((height?.get?.call(this) as number | undefined) ?? 0)
    },
  })
  Object.defineProperty(proto, 'clientWidth', {
    configurable: true,
    get(this: HTMLElement): number {
      return sized(this) ? GRID_BODY.width : ((width?.get?.call(this) as number | undefined) ?? 0)
    },
  })
}
