/**
 * HTTP load for the benchmarks, in a process of its own at a lower priority than the servers:
 * autocannon with keep-alive connections, each asking again as soon as it is answered.
 */
import autocannon from 'autocannon';
import { answerRequests } from './ipc.js';

/** What to load and how. */
export interface LoadRequest {
  url: string;
  headers: Record<string, string>;
  connections: number;
  seconds: number;
  /** autocannon's worker threads; 0 runs it on this process's main thread. */
  workers: number;
}

/** What the clients measured. */
export interface LoadResult {
  requestsPerSecond: number;
  latencyMs: { p50: number; p99: number; max: number };
  requests: number;
  non2xx: number;
  errors: number;
  bytesPerSecond: number;
}

answerRequests({
  load: async (request: LoadRequest): Promise<LoadResult> => {
    const result = await autocannon({
      url: request.url,
      headers: request.headers,
      connections: request.connections,
      duration: request.seconds,
      ...(request.workers > 0 ? { workers: request.workers } : {}),
    });
    return {
      requestsPerSecond: result.requests.total / result.duration,
      latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
      requests: result.requests.total,
      non2xx: result.non2xx,
      errors: result.errors + result.timeouts,
      bytesPerSecond: result.throughput.average,
    };
  },
});
