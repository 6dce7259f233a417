import { Registry } from './src/main/registry/model'
import { bundledRegistryData } from './src/main/registry/snapshot'
import { tellStory } from './src/main/registry/story'
import { renderStoryText } from './src/main/registry/story/render'
const r = new Registry(bundledRegistryData())
const ports = process.argv.slice(2).map(Number)
for (const port of ports) {
  const s = tellStory({ port, protocol: null, registry: r, live: [], ephemeral: { os: 'linux', low: 32768, high: 60999, origin: 'default' } })
  if (ports.length > 3) console.log(s.title.length, s.title)
  else console.log(renderStoryText(s))
}
