// The walk every platform's provenance makes: from a process up its parents to the first launcher that
// starts or keeps it running. Each OS says how to find a parent (and when one provably is not the parent),
// what counts as a launcher, and where its own walk must end.
import type { ChainLink, Supervisor, SupervisorKind } from '../../shared/provenance'

export interface Launcher {
  /** The name shown for it ("tmux", "services.exe"). */
  name: string
  kind: SupervisorKind
}

export interface ParentWalk<P> {
  pidOf(process: P): number
  /** The parent of `child`, or null where the walk stops: none, unreadable, or not provably its parent (a reused pid). */
  parentOf(child: P): P | null
  /** What a parent is as a launcher; null for an ordinary process. */
  classify(parent: P): Launcher | null
  /** The name shown for an ordinary parent. */
  nameOf(parent: P): string
  /** Weak launchers (shells, the desktop) do not end the walk: the first one found is named when no strong one is. */
  isWeak(kind: SupervisorKind): boolean
  /** Where the OS ends the walk without a strong launcher: before this parent, after it, or not here. */
  endsAt?(child: P, parent: P, strong: boolean): 'before' | 'after' | null
}

export interface ParentChain {
  chain: ChainLink[]
  supervisor: Supervisor | null
}

/** Enough for any real launcher chain; a deeper one is cut rather than walked to init. */
const MAX_DEPTH = 16

/** The chain from `self` (shown as `selfLink`) up to the first strong launcher, else to the first weak one, else as far as it goes. */
export function walkParents<P>(self: P, selfLink: ChainLink, walk: ParentWalk<P>): ParentChain {
  const chain: ChainLink[] = [selfLink]
  let weak: { link: Supervisor; at: number } | null = null
  let current = self
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    const parent = walk.parentOf(current)
    if (parent === null) break
    const launcher = walk.classify(parent)
    const strong = launcher !== null && !walk.isWeak(launcher.kind)
    const end = walk.endsAt?.(current, parent, strong) ?? null
    if (end === 'before') break
    const pid = walk.pidOf(parent)
    chain.push({ pid, name: launcher?.name ?? walk.nameOf(parent) })
    if (launcher && strong) return { chain, supervisor: { pid, ...launcher } }
    if (launcher && !weak) weak = { link: { pid, ...launcher }, at: chain.length }
    if (end === 'after') break
    current = parent
  }
  return weak ? { chain: chain.slice(0, weak.at), supervisor: weak.link } : { chain, supervisor: null }
}
