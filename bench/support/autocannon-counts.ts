import type { AutocannonResult } from 'autocannon';

/** What autocannon counted in one run. */
export interface AutocannonCounts {
  /** autocannon's mean of per-second request counts. */
  reqPerSec: number;
  total2xx: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

export function autocannonCounts(result: AutocannonResult): AutocannonCounts {
  return {
    reqPerSec: result.requests.average,
    total2xx: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}
