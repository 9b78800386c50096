import { parseArgs } from 'node:util';

/**
 * The command-line options of the benchmarks, parsed one way: `--quick` for a short run in every
 * script, whole numbers (`--runs 30` or `--runs=30`) and lists of them (`--connections 1,16,64`),
 * each with its default and its `--quick` default. An unknown option or a bad value stops the run
 * with a message naming the option, instead of measuring something else than asked.
 *
 * @example
 * const options = parseBenchOptions({ runs: { type: 'integer', default: 30, quick: 5 } });
 * options.quick; // boolean
 * options.runs; // number
 */

/** A whole number: `--name N`. `default: null` makes it optional (null when not given). */
export interface IntegerOptionSpec {
  type: 'integer';
  default: number | null;
  /** The default with `--quick`; the plain default when left out. */
  quick?: number;
  /** The smallest value allowed (default 1). */
  min?: number;
}

/** A comma-separated list of whole numbers: `--name 1,16,64`. */
export interface IntegerListOptionSpec {
  type: 'integers';
  default: readonly number[];
  quick?: readonly number[];
  min?: number;
  /** Sort the list ascending. */
  sorted?: boolean;
}

/** A switch: `--name`, false when not given. */
export interface FlagOptionSpec {
  type: 'flag';
}

/** A text: `--name VALUE`, null when not given. */
export interface TextOptionSpec {
  type: 'text';
}

export type BenchOptionSpec = IntegerOptionSpec | IntegerListOptionSpec | FlagOptionSpec | TextOptionSpec;

/** What one option parses to. */
export type BenchOptionValue<S extends BenchOptionSpec> = S extends FlagOptionSpec
  ? boolean
  : S extends TextOptionSpec
    ? string | null
    : S extends IntegerListOptionSpec
    ? number[]
    : S extends { default: number }
      ? number
      : number | null;

/** The parsed options: `quick` and one value per option of the spec, by its name. */
export type BenchOptions<Spec extends Record<string, BenchOptionSpec>> = { quick: boolean } & {
  -readonly [K in keyof Spec]: BenchOptionValue<Spec[K]>;
};

/** A bad command line. */
export class BenchOptionsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BenchOptionsError';
  }
}

/**
 * Parses a benchmark's command line (`process.argv.slice(2)` unless given).
 *
 * @throws {BenchOptionsError} for an unknown option or a value that is not a whole number at least its minimum.
 */
export function parseBenchOptions<const Spec extends Record<string, BenchOptionSpec>>(
  spec: Spec,
  args: string[] = process.argv.slice(2),
): BenchOptions<Spec> {
  const options: Record<string, { type: 'string' | 'boolean' }> = { quick: { type: 'boolean' } };
  for (const [name, option] of Object.entries(spec)) options[name] = { type: option.type === 'flag' ? 'boolean' : 'string' };
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args, options, strict: true, allowPositionals: false }));
  } catch (error) {
    const known = Object.keys(options).map((name) => `--${name}`).join(', ');
    throw new BenchOptionsError(`${(error as Error).message} (options: ${known})`);
  }
  const quick = values.quick === true;
  const result: Record<string, unknown> = { quick };
  for (const [name, option] of Object.entries(spec)) {
    const raw = values[name];
    if (option.type === 'flag') {
      result[name] = raw === true;
    } else if (option.type === 'text') {
      result[name] = raw === undefined ? null : String(raw);
    } else if (option.type === 'integer') {
      const fallback = quick && option.quick !== undefined ? option.quick : option.default;
      result[name] = raw === undefined ? fallback : wholeNumber(name, String(raw), option.min ?? 1);
    } else {
      const fallback = quick && option.quick !== undefined ? option.quick : option.default;
      const list = raw === undefined ? [...fallback] : String(raw).split(',').map((item) => wholeNumber(name, item.trim(), option.min ?? 1));
      result[name] = option.sorted ? list.sort((a, b) => a - b) : list;
    }
  }
  return result as BenchOptions<Spec>;
}

function wholeNumber(name: string, text: string, min: number): number {
  const n = Number(text);
  if (text === '' || !Number.isInteger(n) || n < min) {
    throw new BenchOptionsError(`--${name} must be a whole number of at least ${min}, not "${text}"`);
  }
  return n;
}
