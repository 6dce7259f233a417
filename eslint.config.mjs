import js from '@eslint/js'
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
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // Plain CommonJS helpers run by `node -r` (a stand-in for the electron module in tests).
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The domain and the contract: plain TypeScript/Node, never Electron.
    files: ['src/shared/**', 'src/main/monitor/**', 'src/main/registry/**', 'src/main/core/**', 'src/cli/**', 'scripts/**', 'bench/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron], patterns: [{ group: ['electron/*'], message: noElectron.message }] }] },
  },
  {
    // The contract is shared with the page: no Node built-ins either.
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron], patterns: [{ group: nodeBuiltins, message: 'src/shared is pure TypeScript: no Node APIs.' }] }],
    },
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
