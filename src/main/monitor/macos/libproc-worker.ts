// Worker thread entry: the synchronous libproc calls of the macOS collector.
import { serveCollector } from '../worker-collector'
import { LibprocReader } from './libproc-reader'

serveCollector('libproc', new LibprocReader())
