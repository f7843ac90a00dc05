export { startMockUpstream } from './server';
export { BENCH_MODEL } from './bench-responses';
export { DEFAULT_REPLY } from './text';
export { TOOL_ARGUMENTS } from './chat';
export type { MockDirective, MockUpstream, MockUpstreamOptions, RecordedRequest } from './types';
