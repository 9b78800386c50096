/**
 * A small logistic regression for calibrated decisions: standardised features, balanced class
 * weights (the rarer class counts as much as the common one), L2 regularisation, batch gradient
 * descent. Deterministic: the same data give the same model.
 */

export interface LogisticModel {
  mean: number[];
  scale: number[];
  weights: number[];
  bias: number;
}

export interface FitLogisticOptions {
  l2: number;
  iterations: number;
  learningRate: number;
}

export const DEFAULT_FIT_OPTIONS: FitLogisticOptions = { l2: 0.01, iterations: 2000, learningRate: 0.5 };

/** The probability the model gives one feature vector. */
export function predictLogistic(model: LogisticModel, x: readonly number[]): number {
  let z = model.bias;
  for (let j = 0; j < model.weights.length; j++) z += model.weights[j]! * ((x[j]! - model.mean[j]!) / model.scale[j]!);
  return 1 / (1 + Math.exp(-z));
}

/**
 * Fits `P(label = 1 | x)`.
 *
 * @throws {RangeError} when there are no rows, rows differ in length, or only one class is present.
 */
export function fitLogistic(rows: readonly number[][], labels: readonly (0 | 1)[], options: Partial<FitLogisticOptions> = {}): LogisticModel {
  const opts = { ...DEFAULT_FIT_OPTIONS, ...options } satisfies FitLogisticOptions;
  const n = rows.length;
  const d = rows[0]?.length ?? 0;
  if (n === 0 || d === 0 || rows.some((r) => r.length !== d) || labels.length !== n) throw new RangeError('fitLogistic needs rows of one length and a label each');
  const positives = labels.filter((l) => l === 1).length;
  if (positives === 0 || positives === n) throw new RangeError('fitLogistic needs both classes');
  const mean = Array.from({ length: d }, (_, j) => rows.reduce((s, r) => s + r[j]!, 0) / n);
  const scale = Array.from({ length: d }, (_, j) => Math.sqrt(rows.reduce((s, r) => s + (r[j]! - mean[j]!) ** 2, 0) / n) || 1);
  const z = rows.map((r) => r.map((v, j) => (v - mean[j]!) / scale[j]!));
  const classWeight = { 1: n / (2 * positives), 0: n / (2 * (n - positives)) };
  const weights = new Array<number>(d).fill(0);
  let bias = 0;
  for (let it = 0; it < opts.iterations; it++) {
    const grad = new Array<number>(d).fill(0);
    let gradBias = 0;
    for (let i = 0; i < n; i++) {
      let s = bias;
      for (let j = 0; j < d; j++) s += weights[j]! * z[i]![j]!;
      const error = (1 / (1 + Math.exp(-s)) - labels[i]!) * classWeight[labels[i]!];
      for (let j = 0; j < d; j++) grad[j]! += error * z[i]![j]!;
      gradBias += error;
    }
    for (let j = 0; j < d; j++) weights[j] = weights[j]! - opts.learningRate * (grad[j]! / n + opts.l2 * weights[j]!);
    bias -= (opts.learningRate * gradBias) / n;
  }
  return { mean, scale, weights, bias };
}
