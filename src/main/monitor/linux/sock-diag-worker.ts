// Worker thread entry: the synchronous netlink and /proc work of the Linux collector, off the main thread.
import { serveCollector } from '../worker-collector'
import { SockDiagReader } from './sock-diag-reader'

serveCollector('sock-diag', new SockDiagReader())
