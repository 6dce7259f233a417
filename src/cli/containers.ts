import { DockerContainerSource } from '../main/monitor/containers/docker-source'
import { dockerEndpoints } from '../main/monitor/containers/docker-endpoint'

/** Docker as this run's environment finds it (DOCKER_HOST, XDG_RUNTIME_DIR), not the process's. */
export function dockerFor(env: NodeJS.ProcessEnv): DockerContainerSource {
  return new DockerContainerSource({ endpoints: dockerEndpoints(env) })
}
