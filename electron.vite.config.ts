import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'
import type { Plugin } from 'vite'
import { DEV_META_CONTENT_SECURITY_POLICY, META_CONTENT_SECURITY_POLICY } from './src/shared/csp'

/** Loosens the page's CSP for the dev server only; builds keep index.html's strict policy. */
function devServerCsp(): Plugin {
  return {
    name: 'portolan-dev-csp',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace(META_CONTENT_SECURITY_POLICY, DEV_META_CONTENT_SECURITY_POLICY),
  }
}

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          // The Linux collector's worker thread, emitted beside index.js (see sockDiagWorkerScript).
          sockDiagWorker: resolve(__dirname, 'src/main/monitor/linux/sock-diag-worker.ts'),
          // The Windows collector's worker thread (see ipHelperWorkerScript).
          ipHelperWorker: resolve(__dirname, 'src/main/monitor/windows/ip-helper-worker.ts'),
          // The macOS collector's worker thread (see libprocWorkerScript).
          libprocWorker: resolve(__dirname, 'src/main/monitor/macos/libproc-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot require packages: bundle everything into one CommonJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    build: {
      // electron-vite leaves every bundle unminified; the page parses its whole bundle before the first
      // render, so minifying the renderer shortens time to first render.
      minify: true,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/renderer/index.html') },
      },
    },
    plugins: [react(), devServerCsp()],
  },
})
