// A process's arguments as one line a person can read and paste into a POSIX shell.

const PLAIN_ARGUMENT = /^[\w@%+=:,./-]+$/

/** One argument, single-quoted when it holds anything a shell would read specially. */
export function shellQuote(argument: string): string {
  if (argument !== '' && PLAIN_ARGUMENT.test(argument)) return argument
  return `'${argument.replace(/'/g, `'\\''`)}'`
}

/** `node -e 'require(…)' 3000`; empty for no command line. */
export function commandLineText(args: readonly string[] | null | undefined): string {
  return args ? args.map(shellQuote).join(' ') : ''
}
