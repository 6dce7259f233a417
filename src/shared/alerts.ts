/** A batch of new listeners that matched the user's alert rules, as the page shows it (and a click selects). */
export interface AlertNotice {
  title: string
  body: string
  rowIds: string[]
}
