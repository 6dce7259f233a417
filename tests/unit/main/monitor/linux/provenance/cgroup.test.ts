import { describe, expect, it } from 'vitest'
import { parseCgroup } from '../../../../../../src/main/monitor/linux/provenance/cgroup'
import { classifySupervisor } from '../../../../../../src/main/monitor/linux/provenance/supervisors'
import { markerName } from '../../../../../../src/main/monitor/linux/provenance/project'

const ID = '8dfafdbc3a40b3c1f0ad5e9e7a4d1f1c2b3a4d5e6f7a8b9c0d1e2f3a4b5c6d7e'

// Lines in the shapes cgroups(7) and systemd.unit(5) document: "hierarchy-ID:controller-list:cgroup-path".
describe('parseCgroup', () => {
  it('reads a system unit from cgroup v2', () => {
    expect(parseCgroup('0::/system.slice/nginx.service\n')).toEqual({ unit: { name: 'nginx.service', manager: 'system' }, container: null, app: null })
  })

  it('prefers the v1 name=systemd hierarchy on hybrids, where the unified line is just "/"', () => {
    const text = '12:pids:/\n1:name=systemd:/system.slice/portolan-test.service\n0::/\n'
    expect(parseCgroup(text).unit).toEqual({ name: 'portolan-test.service', manager: 'system' })
  })

  it('tells a user manager unit from a system one', () => {
    const text = '0::/user.slice/user-1000.slice/user@1000.service/app.slice/vite-dev.service\n'
    expect(parseCgroup(text).unit).toEqual({ name: 'vite-dev.service', manager: 'user' })
  })

  it('reads a desktop app scope without its random suffix', () => {
    const text = '0::/user.slice/user-1000.slice/user@1000.service/app.slice/app-gnome-org.gnome.Terminal-4242.scope\n'
    const origin = parseCgroup(text)
    expect(origin.app).toBe('gnome-org.gnome.Terminal')
    expect(origin.unit).toEqual({ name: 'app-gnome-org.gnome.Terminal-4242.scope', manager: 'user' })
  })

  it('finds Docker containers under both cgroup drivers, and podman and containerd ones', () => {
    expect(parseCgroup(`0::/system.slice/docker-${ID}.scope\n`)).toEqual({ unit: null, container: { runtime: 'docker', id: ID }, app: null })
    expect(parseCgroup(`4:memory:/docker/${ID}\n1:name=systemd:/docker/${ID}\n`).container).toEqual({ runtime: 'docker', id: ID })
    expect(parseCgroup(`0::/machine.slice/libpod-${ID}.scope/container\n`).container).toEqual({ runtime: 'podman', id: ID })
    expect(parseCgroup(`0::/kubepods.slice/kubepods-pod1.slice/cri-containerd-${ID}.scope\n`).container).toEqual({ runtime: 'containerd', id: ID })
  })

  it('takes nothing shorter than a 64-hex id for a container, and nothing at the root for a unit', () => {
    expect(parseCgroup('4:memory:/process_api/f28c7eb982bc5e4e6feafd8e32c26a3d\n0::/\n')).toEqual({ unit: null, container: null, app: null })
    expect(parseCgroup('')).toEqual({ unit: null, container: null, app: null })
    expect(parseCgroup('garbage without colons')).toEqual({ unit: null, container: null, app: null })
  })
})

describe('classifySupervisor', () => {
  it('knows supervisors by their own names, and node supervisors by their script', () => {
    expect(classifySupervisor('PM2 v5.3.0: God', null)).toEqual({ kind: 'process-manager', name: 'pm2' })
    expect(classifySupervisor('tmux: server', null)).toEqual({ kind: 'multiplexer', name: 'tmux' })
    expect(classifySupervisor('node', ['node', '/usr/lib/node_modules/nodemon/bin/nodemon.js', 'app.js'])).toEqual({ kind: 'process-manager', name: 'nodemon' })
    expect(classifySupervisor('bash', null)).toEqual({ kind: 'shell', name: 'bash' })
    expect(classifySupervisor('code', null)).toEqual({ kind: 'ide', name: 'code' })
    expect(classifySupervisor('node', ['node', 'server.js'])).toBeNull()
    expect(classifySupervisor('vite', null)).toBeNull()
  })
})

describe('markerName', () => {
  it('reads the name each marker gives, and none from a broken one', () => {
    expect(markerName('package.json', '{"name":"shop"}')).toBe('shop')
    expect(markerName('package.json', '{not json')).toBeNull()
    expect(markerName('pyproject.toml', '[build-system]\nrequires = []\n[project]\nname = "inventory"\n')).toBe('inventory')
    expect(markerName('pyproject.toml', '[tool.poetry]\nname = "legacy"\n')).toBe('legacy')
    expect(markerName('Cargo.toml', '[dependencies]\nname = "no"\n[package]\nname = "relay"\n')).toBe('relay')
    expect(markerName('go.mod', 'module github.com/acme/gateway\n\ngo 1.22\n')).toBe('gateway')
  })
})
