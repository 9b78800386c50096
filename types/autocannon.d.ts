/**
 * The part of autocannon's programmatic API the benchmarks use (it ships no declarations), as
 * documented in its README and implemented in lib/ (init.js, run.js, aggregateResult.js).
 */
declare module 'autocannon' {
  /** The methods autocannon accepts (lib/httpMethods.js). */
  export type AutocannonMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE' | 'CONNECT' | 'OPTIONS' | 'TRACE' | 'PATCH';

  /** One request of `requests`; what it leaves out comes from the options. */
  export interface AutocannonRequest {
    method?: AutocannonMethod;
    path?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
  }

  export interface AutocannonOptions {
    url: string;
    /** Concurrent connections (default 10); divided among the workers. */
    connections?: number;
    /** Seconds, or a timestring such as '1m' (default 10). */
    duration?: number | string;
    /** Requests to make before stopping; overrides `duration`. */
    amount?: number;
    /** Seconds to wait for a response (default 10). */
    timeout?: number;
    pipelining?: number;
    /** Load generator threads (worker_threads); absent or 0: the calling thread. */
    workers?: number;
    method?: AutocannonMethod;
    headers?: Record<string, string>;
    body?: string | Buffer;
    /** Each connection sends these in turn, round and round. */
    requests?: AutocannonRequest[];
    title?: string;
    bailout?: number;
    /** Called with each connection's client as it is made (calling thread only, not with `workers`). */
    setupClient?: (client: AutocannonClient) => void;
  }

  /** A connection's client (lib/httpClient.js): what `setupClient` may change. */
  export interface AutocannonClient {
    /** The body of the requests this connection sends from now on. */
    setBody(body: string | Buffer): void;
    /** After each response, before the connection's next request is written. */
    on(event: 'response', listener: (statusCode: number, bytes: number, durationMs: number) => void): this;
  }

  /** hdr-histogram-percentiles-obj: `histAsObj` plus `addPercentiles`. */
  export interface Histogram {
    /** The same as `mean` (kept for wrk). */
    average: number;
    mean: number;
    stddev: number;
    min: number;
    max: number;
    p0_001: number;
    p0_01: number;
    p0_1: number;
    p1: number;
    p2_5: number;
    p10: number;
    p25: number;
    p50: number;
    p75: number;
    p90: number;
    p97_5: number;
    p99: number;
    p99_9: number;
    p99_99: number;
    p99_999: number;
  }

  export interface AutocannonResult {
    title?: string;
    url: string;
    connections: number;
    pipelining: number;
    workers?: number;
    /** Response latency in ms (1 ms resolution); `totalCount`: responses recorded. */
    latency: Histogram & { totalCount: number };
    /** Responses per second, sampled each second; `total`: responses completed, `sent`: requests sent. */
    requests: Histogram & { total: number; sent: number };
    /** Bytes per second, sampled each second; `total`: bytes received. */
    throughput: Histogram & { total: number };
    /** Seconds the run took. */
    duration: number;
    samples: number;
    start: Date;
    finish: Date;
    /** Connection errors, timeouts included. */
    errors: number;
    timeouts: number;
    mismatches: number;
    non2xx: number;
    resets: number;
    '1xx': number;
    '2xx': number;
    '3xx': number;
    '4xx': number;
    '5xx': number;
    statusCodeStats: Record<string, { count: number }>;
  }

  /** The connection object passed to the `response` event. */
  export interface AutocannonClient {
    setHeaders(headers: Record<string, string> | undefined): void;
    setBody(body: string | Buffer | undefined): void;
    setHeadersAndBody(headers: Record<string, string> | undefined, body: string | Buffer | undefined): void;
    setRequest(request: AutocannonRequest): void;
    setRequests(requests: AutocannonRequest[]): void;
  }

  /** A running benchmark: an event emitter that is also a promise of its result (no callback given). */
  export interface AutocannonInstance extends PromiseLike<AutocannonResult> {
    catch<T = never>(onRejected: (reason: unknown) => T | PromiseLike<T>): Promise<AutocannonResult | T>;
    /** Each response; emitted only when the run is in the calling thread (no `workers`). */
    on(
      event: 'response',
      listener: (client: AutocannonClient, statusCode: number, resBytes: number, responseTime: number) => void,
    ): this;
    on(event: 'done', listener: (result: AutocannonResult) => void): this;
    on(event: 'start', listener: () => void): this;
    on(event: 'reqError' | 'error', listener: (error: Error) => void): this;
    stop(): void;
  }

  function autocannon(options: AutocannonOptions): AutocannonInstance;
  export default autocannon;
}
