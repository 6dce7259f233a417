import snapshot from '../../../resources/registry/snapshot.json'
import { decodeRegistry } from './codec'
import type { RegistryData } from './record'

// Imported as a JSON module so the bundler inlines it into out/main and tsx reads it from source alike.

export function bundledRegistryData(): RegistryData {
  return decodeRegistry(snapshot)
}
