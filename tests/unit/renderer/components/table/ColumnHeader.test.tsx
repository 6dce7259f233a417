// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { useViewStore } from '../../../../../src/renderer/src/store/view-store'
import { renderApp, shownPorts } from '../support/page'
import { listener } from '../support/rows'

const rows = [
  listener(5432, { process: 'postgres' }),
  listener(3000, { process: 'node' }),
  listener(6379, { process: 'redis-server' }),
  listener(5173, { process: 'node' }),
  listener(8080, { process: 'caddy' }),
]

async function grid() {
  const user = userEvent.setup()
  renderApp(rows)
  await waitFor(() => expect(shownPorts()).toHaveLength(rows.length))
  const header = (name: string) => {
    const button = within(screen.getByRole('grid')).getByRole('button', { name: new RegExp(`^${name}`) })
    const cell = button.closest<HTMLElement>('[role="columnheader"]')
    if (!cell) throw new Error(`${name} is not in a column header`)
    return { button, cell, sort: () => cell.getAttribute('aria-sort'), mark: () => button.querySelector('.sort-mark')?.textContent }
  }
  return { user, header }
}

describe('a column header', () => {
  it('shows the sort the table starts with: port, ascending, and no other', async () => {
    const { header } = await grid()
    expect(header('Port').sort()).toBe('ascending')
    expect(header('Port').mark()).toBe('▲')
    expect(header('Process').sort()).toBe('none')
    expect(header('Process').mark()).toBe('')
    const sorted = screen.getAllByRole('columnheader').filter((cell) => cell.getAttribute('aria-sort') !== 'none')
    expect(sorted.map((cell) => cell.dataset.column)).toEqual(['port'])
  })

  it('flips the direction when clicked again, and the rows follow', async () => {
    const { user, header } = await grid()
    await user.click(header('Port').button)
    expect(header('Port').sort()).toBe('descending')
    expect(header('Port').mark()).toBe('▼')
    expect(shownPorts()).toEqual([8080, 6379, 5432, 5173, 3000])
    await user.click(header('Port').button)
    expect(header('Port').sort()).toBe('ascending')
    expect(shownPorts()).toEqual([3000, 5173, 5432, 6379, 8080])
  })

  it('sorts by another column alone when that one is clicked', async () => {
    const { user, header } = await grid()
    await user.click(header('Process').button)
    expect(header('Process').sort()).toBe('ascending')
    expect(header('Port').sort()).toBe('none')
    // caddy, node, node, postgres, redis-server; the two node rows keep their arrival order.
    expect(shownPorts()).toEqual([8080, 3000, 5173, 5432, 6379])
    expect(useViewStore.getState().sorting).toEqual([{ id: 'process', desc: false }])
  })

  it('adds a column to the sort with Shift; a plain click on an earlier one makes it the only sort, turned', async () => {
    const { user, header } = await grid()
    await user.click(header('Process').button)
    await user.keyboard('{Shift>}')
    await user.click(header('Port').button)
    await user.click(header('Port').button)
    await user.keyboard('{/Shift}')
    expect(header('Process').sort()).toBe('ascending')
    expect(header('Port').sort()).toBe('descending')
    expect(shownPorts()).toEqual([8080, 5173, 3000, 5432, 6379])
    await user.click(header('Process').button)
    expect(header('Process').sort()).toBe('descending')
    expect(header('Port').sort()).toBe('none')
    expect(useViewStore.getState().sorting).toEqual([{ id: 'process', desc: true }])
  })

  it('sorts from the keyboard: the header is a button', async () => {
    const { user, header } = await grid()
    header('PID').button.focus()
    await user.keyboard('{Enter}')
    expect(header('PID').sort()).toBe('ascending')
    await user.keyboard(' ')
    expect(header('PID').sort()).toBe('descending')
  })
})
