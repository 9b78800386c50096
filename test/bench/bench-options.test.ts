import { describe, expect, it } from 'vitest';
import { BenchOptionsError, parseBenchOptions } from '../../bench/support/bench-options.js';

const spec = {
  runs: { type: 'integer', default: 30, quick: 5 },
  workers: { type: 'integer', default: 1, min: 0 },
  'scale-child': { type: 'integer', default: null },
  connections: { type: 'integers', default: [1, 16, 64], quick: [16] },
  sizes: { type: 'integers', default: [1000], sorted: true },
  cached: { type: 'flag' },
} as const;

describe('parseBenchOptions', () => {
  it('gives the defaults, or the --quick ones', () => {
    expect(parseBenchOptions(spec, [])).toEqual({
      quick: false,
      runs: 30,
      workers: 1,
      'scale-child': null,
      connections: [1, 16, 64],
      sizes: [1000],
      cached: false,
    });
    expect(parseBenchOptions(spec, ['--quick'])).toMatchObject({ quick: true, runs: 5, workers: 1, connections: [16] });
  });

  it('reads --name N and --name=N, lists and switches; a value given wins over --quick', () => {
    const options = parseBenchOptions(spec, ['--quick', '--runs=12', '--workers', '0', '--sizes', '100000,1000', '--scale-child', '7', '--cached']);
    expect(options).toMatchObject({ quick: true, runs: 12, workers: 0, sizes: [1000, 100000], 'scale-child': 7, cached: true, connections: [16] });
  });

  it('refuses an unknown option, a value that is not a whole number, and one under the minimum, naming the option', () => {
    expect(() => parseBenchOptions(spec, ['--run', '3'])).toThrow(BenchOptionsError);
    expect(() => parseBenchOptions(spec, ['--run', '3'])).toThrow(/--runs/u);
    expect(() => parseBenchOptions(spec, ['--runs', '2.5'])).toThrow('--runs must be a whole number of at least 1, not "2.5"');
    expect(() => parseBenchOptions(spec, ['--runs', '0'])).toThrow(/--runs/u);
    expect(() => parseBenchOptions(spec, ['--workers', '-1'])).toThrow(/--workers/u);
    expect(() => parseBenchOptions(spec, ['--connections', '1,,4'])).toThrow(/--connections/u);
    expect(() => parseBenchOptions(spec, ['--runs'])).toThrow(BenchOptionsError);
  });
});
