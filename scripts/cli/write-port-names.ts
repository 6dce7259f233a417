// Build step (scripts/build-cli.mjs): the bundled registry's answer for every port, for one-shot commands.
import { writeFileSync } from 'node:fs'
import { compileLookup } from '../../src/main/registry/compiled-lookup'
import { Registry } from '../../src/main/registry/model'
import { bundledRegistryData } from '../../src/main/registry/snapshot'

const out = process.argv[2]
if (!out) throw new Error('usage: write-port-names <out.json>')
writeFileSync(out, JSON.stringify(compileLookup(new Registry(bundledRegistryData()))))
