// Worker thread entry: the synchronous IP Helper and process calls of the Windows collector.
import { serveCollector } from '../worker-collector'
import { IpHelperReader } from './ip-helper-reader'

serveCollector('ip-helper', new IpHelperReader())
