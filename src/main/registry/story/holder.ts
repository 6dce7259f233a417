// What software holds a socket, told from the process itself (its name and command line), not from the
// port number: a `python3 -m http.server` is that on any port.

/** What the monitor and /proc say about the process behind a socket. */
export interface HolderFacts {
  process: string | null
  /** argv, when the OS lets us read it (Linux: /proc/<pid>/cmdline). */
  commandLine: readonly string[] | null
  executable: string | null
  container: { name: string; image: string } | null
}

export interface Recognized {
  software: string
  /** What gave it away, in a few words: "its command line runs -m http.server". */
  evidence: string
}

const base = (path: string) => path.replace(/\\/g, '/').split('/').pop() ?? path
/** node, node20, python3, python3.12, ruby, php8.3, java… without version or .exe. */
const runtime = (name: string) => base(name).toLowerCase().replace(/\.exe$/, '').replace(/[\d.]+$/, '')

interface Rule {
  software: string
  match(h: { name: string; args: string[]; runtime: string; line: string }): string | null
}

const argIs = (args: string[], re: RegExp) => args.some((a) => re.test(base(a)))
/** Index of the module after "-m" in a python command line. */
const pythonModule = (args: string[]) => {
  const i = args.indexOf('-m')
  return i >= 0 ? (args[i + 1] ?? null) : null
}

const RULES: Rule[] = [
  { software: "Python's built-in HTTP server", match: (h) => (h.runtime === 'python' && pythonModule(h.args) === 'http.server' ? 'its command line runs python -m http.server' : null) },
  { software: 'Jupyter', match: (h) => (/^jupyter(-lab|-notebook|-server)?$/.test(h.name) || argIs(h.args, /^jupyter(-lab|-notebook|-server)?$/) || (h.runtime === 'python' && /^jupyter/.test(pythonModule(h.args) ?? '')) ? 'its command line runs jupyter' : null) },
  { software: 'Flask development server (flask run)', match: (h) => ((argIs(h.args, /^flask$/) || pythonModule(h.args) === 'flask') && h.args.includes('run') ? 'its command line runs flask run' : null) },
  { software: 'Django development server (manage.py runserver)', match: (h) => (argIs(h.args, /^manage\.py$/) && h.args.includes('runserver') ? 'its command line runs manage.py runserver' : null) },
  { software: 'Uvicorn', match: (h) => (h.name === 'uvicorn' || argIs(h.args, /^uvicorn$/) || pythonModule(h.args) === 'uvicorn' ? 'its command line runs uvicorn' : null) },
  { software: 'Gunicorn', match: (h) => (h.name === 'gunicorn' || argIs(h.args, /^gunicorn$/) ? 'its command line runs gunicorn' : null) },
  { software: 'TensorBoard', match: (h) => (h.name === 'tensorboard' || argIs(h.args, /^tensorboard$/) || pythonModule(h.args) === 'tensorboard.main' ? 'its command line runs tensorboard' : null) },
  { software: 'Vite dev server', match: (h) => (h.args.some((a) => /(^|\/)vite(\/bin\/vite\.js)?$/.test(a) || /node_modules\/vite\//.test(a)) ? 'its command line runs vite' : null) },
  { software: 'Next.js (next dev)', match: (h) => (h.name.startsWith('next-server') || (h.args.some((a) => /(^|\/)next(\/dist\/bin\/next)?$/.test(a)) && h.args.includes('dev')) ? 'its command line runs next dev' : null) },
  { software: 'Next.js (next start)', match: (h) => (h.args.some((a) => /(^|\/)next(\/dist\/bin\/next)?$/.test(a)) && h.args.includes('start') ? 'its command line runs next start' : null) },
  { software: 'Storybook', match: (h) => (h.args.some((a) => /(^|\/)(storybook|sb)(\/bin\/index\.c?js)?$/.test(a) || /node_modules\/(@storybook|storybook)\//.test(a)) ? 'its command line runs storybook' : null) },
  { software: 'Angular dev server (ng serve)', match: (h) => (h.args.some((a) => /(^|\/)ng$/.test(a)) && h.args.includes('serve') ? 'its command line runs ng serve' : null) },
  { software: 'webpack dev server', match: (h) => (h.args.some((a) => /webpack-dev-server|webpack(-cli)?\/bin/.test(a)) && (h.args.includes('serve') || h.line.includes('webpack-dev-server')) ? 'its command line runs webpack serve' : null) },
  { software: 'Rails (rails server)', match: (h) => (argIs(h.args, /^rails$/) && h.args.some((a) => a === 'server' || a === 's') ? 'its command line runs rails server' : null) },
  { software: 'Puma', match: (h) => (h.name.startsWith('puma') || argIs(h.args, /^puma$/) ? 'its command line runs puma' : null) },
  { software: "PHP's built-in web server (php -S)", match: (h) => (h.runtime === 'php' && h.args.includes('-S') ? 'its command line runs php -S' : null) },
  { software: 'Hugo (hugo server)', match: (h) => (h.name === 'hugo' && h.args.includes('server') ? 'its command line runs hugo server' : null) },
  { software: 'Visual Studio Code', match: (h) => (/^code(-insiders|-oss)?$/.test(h.name) || argIs(h.args, /^code(-insiders|-oss)?$/) || h.args.some((a) => /\/(vscode-server|\.vscode-server)\//.test(a)) ? 'the process is VS Code' : null) },
  { software: 'a language server', match: (h) => (/(language-?server|langserver|^gopls$|^rust-analyzer$|^clangd$|^tsserver$|^jdtls$)/.test(h.name) || h.args.some((a) => /(language-server|langserver|tsserver\.js|gopls|rust-analyzer|jdtls)/.test(base(a))) ? 'its name or command line is a language server' : null) },
  { software: 'PostgreSQL server', match: (h) => (h.name === 'postgres' || h.name === 'postmaster' ? 'the process is postgres' : null) },
  { software: 'Redis server', match: (h) => (h.name === 'redis-server' || h.name.startsWith('redis-server') ? 'the process is redis-server' : null) },
  { software: 'Valkey server', match: (h) => (h.name.startsWith('valkey-server') ? 'the process is valkey-server' : null) },
  { software: 'MongoDB server (mongod)', match: (h) => (h.name === 'mongod' ? 'the process is mongod' : null) },
  { software: 'MySQL server', match: (h) => (h.name === 'mysqld' ? 'the process is mysqld' : null) },
  { software: 'MariaDB server', match: (h) => (h.name === 'mariadbd' ? 'the process is mariadbd' : null) },
  { software: 'Elasticsearch', match: (h) => (h.runtime === 'java' && /org\.elasticsearch\./.test(h.line) ? 'its java command line starts Elasticsearch' : null) },
  { software: 'OpenSSH server', match: (h) => (h.name === 'sshd' ? 'the process is sshd' : null) },
  { software: 'nginx', match: (h) => (h.name === 'nginx' ? 'the process is nginx' : null) },
  { software: 'Apache httpd', match: (h) => (h.name === 'apache2' || h.name === 'httpd' ? `the process is ${h.name}` : null) },
  { software: 'Caddy', match: (h) => (h.name === 'caddy' ? 'the process is caddy' : null) },
  { software: 'systemd-resolved', match: (h) => (h.name === 'systemd-resolve' || h.name === 'systemd-resolved' ? 'the process is systemd-resolved' : null) },
  { software: 'chrony', match: (h) => (h.name === 'chronyd' ? 'the process is chronyd' : null) },
  { software: 'CUPS', match: (h) => (h.name === 'cupsd' ? 'the process is cupsd' : null) },
  { software: 'Avahi (mDNS)', match: (h) => (h.name === 'avahi-daemon' ? 'the process is avahi-daemon' : null) },
  { software: 'dnsmasq', match: (h) => (h.name === 'dnsmasq' ? 'the process is dnsmasq' : null) },
  { software: 'Ollama', match: (h) => (h.name === 'ollama' && h.args.includes('serve') ? 'its command line runs ollama serve' : null) },
  { software: 'Docker Engine (dockerd)', match: (h) => (h.name === 'dockerd' ? 'the process is dockerd' : null) },
  { software: 'Node.js', match: (h) => (h.runtime === 'node' ? `a node process${scriptOf(h.args) ? ` running ${scriptOf(h.args)}` : ''}` : null) },
]

/** node's options that take the next argument as their value (so it is not the script). */
const NODE_OPTIONS_WITH_VALUE = new Set(['-r', '--require', '--import', '--loader', '--experimental-loader', '-C', '--conditions', '--env-file', '--title', '--input-type', '--inspect-port'])
/** Inline code instead of a script: nothing to name. */
const NODE_INLINE_CODE = new Set(['-e', '--eval', '-p', '--print', '-'])

/**
 * The script a node command line runs, shortened to its file name: the first argument after the binary that
 * is neither an option nor an option's value. Null for inline code (-e, -p, stdin) or anything that does not
 * look like a file name.
 */
function scriptOf(args: string[]): string | null {
  for (let i = 1; i < args.length; i++) {
    const arg = args[i] ?? ''
    if (NODE_INLINE_CODE.has(arg)) return null
    if (NODE_OPTIONS_WITH_VALUE.has(arg)) {
      i++
      continue
    }
    if (arg.startsWith('-')) continue
    const name = base(arg)
    return /^[\w@.+-]+$/.test(name) ? name : null
  }
  return null
}

/** The software a holder is, when its name or command line says so; null when it does not. */
export function recognizeHolder(facts: HolderFacts): Recognized | null {
  const name = base(facts.process ?? facts.executable ?? '').replace(/\.exe$/i, '')
  const args = [...(facts.commandLine ?? [])]
  if (name === 'docker-proxy' || (args[0] && base(args[0]) === 'docker-proxy')) {
    if (facts.container) return { software: `Docker container ${facts.container.name} (${facts.container.image})`, evidence: 'docker-proxy publishes this port for it' }
    const target = argValue(args, '-container-ip')
    const port = argValue(args, '-container-port')
    return { software: 'a Docker container', evidence: target ? `docker-proxy forwards it to ${target}${port ? `:${port}` : ''}` : 'docker-proxy forwards it into a container' }
  }
  if (facts.container) return { software: `Docker container ${facts.container.name} (${facts.container.image})`, evidence: 'Docker publishes this port for it' }
  if (!name && args.length === 0) return null
  const facts2 = { name, args, runtime: runtime(args[0] ?? name), line: args.join(' ') }
  for (const rule of RULES) {
    const evidence = rule.match(facts2)
    if (evidence) return { software: rule.software, evidence }
  }
  return null
}

function argValue(args: string[], flag: string): string | null {
  const i = args.indexOf(flag)
  return i >= 0 ? (args[i + 1] ?? null) : null
}
