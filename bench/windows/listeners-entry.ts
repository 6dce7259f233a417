// Run by node.exe under Wine for the Windows bench: opens argv[2] TCP listeners on 127.0.0.1 (half of them)
// and UDP sockets (the other half), writes {pid, count} to argv[3], and exits when argv[4] appears.
import { createSocket } from 'node:dgram'
import { existsSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'

const [, , countText, readyArg, stopArg] = process.argv
if (readyArg === undefined || stopArg === undefined) throw new Error('usage: listeners.js <count> <ready.json> <stop-file>')
const readyFile = readyArg
const stopFile = stopArg

async function main(): Promise<void> {
  const count = Number(countText)
  const opened: Promise<void>[] = []
  for (let i = 0; i < count; i++) {
    opened.push(new Promise<void>((resolve, reject) => {
      if (i % 2 === 0) createServer().once('error', reject).listen({ host: '127.0.0.1', port: 0 }, () => resolve())
      else createSocket('udp4').once('error', reject).bind({ address: '127.0.0.1', port: 0 }, () => resolve())
    }))
  }
  await Promise.all(opened)
  writeFileSync(readyFile, JSON.stringify({ pid: process.pid, count }))
  setInterval(() => { if (existsSync(stopFile)) process.exit(0) }, 200)
  setTimeout(() => process.exit(0), 600_000)
}

main().catch((error: unknown) => {
  writeFileSync(readyFile, JSON.stringify({ error: error instanceof Error ? error.stack : String(error) }))
  process.exit(1)
})
