import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'
import globals from 'globals'

const noElectron = {
  name: 'electron',
  message: 'Only the Electron glue (src/main/*.ts, src/preload) may import electron; keep the domain plain Node.',
}
const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'net', 'worker_threads', 'crypto']

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', '.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    // Type-aware: each file is checked in the tsconfig that includes it (tsconfig.node.json or tsconfig.web.json).
    languageOptions: { globals: { ...globals.node }, parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // Files outside both tsconfigs (this file, the .mjs build scripts, the .cjs stand-in): no project to take types from.
    files: ['**/*.{js,cjs,mjs}'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Plain CommonJS helpers run by `node -r` (a stand-in for the electron module in tests).
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The domain and the contract: plain TypeScript/Node, never Electron.
    files: ['src/shared/**', 'src/main/monitor/**', 'src/main/registry/**', 'src/main/storage/**', 'src/main/core/**', 'src/cli/**', 'scripts/**', 'bench/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron], patterns: [{ group: ['electron/*'], message: noElectron.message }] }] },
  },
  {
    // Layers below the composition (core): the domain never reaches up into the wiring, and the file
    // helpers (storage) serve both without knowing either.
    files: ['src/main/monitor/**', 'src/main/registry/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noElectron],
        patterns: [
          { group: ['electron/*'], message: noElectron.message },
          { group: ['**/core/*', '**/core'], message: 'monitor/ and registry/ are the domain: they may use storage/ and shared/, never core/ (the composition).' },
        ],
      }],
    },
  },
  {
    files: ['src/main/storage/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noElectron],
        patterns: [
          { group: ['electron/*'], message: noElectron.message },
          { group: ['**/core/*', '**/registry/*', '**/monitor/*'], message: 'storage/ is the bottom layer: plain file helpers, importing only shared/.' },
        ],
      }],
    },
  },
  {
    // The contract is shared with the page: no Node built-ins either.
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron], patterns: [{ group: nodeBuiltins, message: 'src/shared is pure TypeScript: no Node APIs.' }] }],
    },
  },
  {
    // The React pages: the app's renderer and the web preview's client.
    files: ['src/renderer/**/*.{ts,tsx}', 'scripts/preview/client/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noElectron],
        patterns: [
          { group: nodeBuiltins, message: 'The renderer is a sandboxed web page: no Node APIs.' },
          { group: ['**/main/**', '**/preload/**'], message: 'The renderer talks to main only through window.portolan.' },
        ],
      }],
    },
  },
)
