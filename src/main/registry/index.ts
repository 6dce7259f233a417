export { Registry, type RegistryInfo } from './model'
export { loadRegistry } from './store'
