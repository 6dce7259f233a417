import { describe, expect, it } from 'vitest'
import { CompiledLookup, compileLookup, type CompiledLookupData } from '../../../../src/main/registry/compiled-lookup'
import { Registry } from '../../../../src/main/registry/model'
import { bundledRegistryData } from '../../../../src/main/registry/snapshot'

describe('the compiled lookup one-shot commands read', () => {
  const registry = new Registry(bundledRegistryData())
  const compiled = new CompiledLookup(JSON.parse(JSON.stringify(compileLookup(registry))) as CompiledLookupData)

  it('answers exactly as the bundled registry for every port and protocol', () => {
    const differences: string[] = []
    for (const protocol of ['tcp', 'udp'] as const) {
      for (let port = 0; port <= 65535; port++) {
        const expected = registry.lookup(port, protocol)
        const actual = compiled.lookup(port, protocol)
        if (expected.service !== actual.service || expected.description !== actual.description) differences.push(`${port}/${protocol}`)
      }
    }
    expect(differences).toEqual([])
    expect(compiled.lookup(22, 'tcp').service).toBe('ssh')
  })

  it('refuses data of another format', () => {
    expect(() => new CompiledLookup({ format: 'x' } as never)).toThrow(/not a compiled port lookup/)
  })
})
