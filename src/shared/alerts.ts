/** What a clicked new-listener notification asks the page to show. */
export interface AlertNotice {
  rowIds: string[]
}
