/**
 * Deterministic, stratified folds of an evaluation set, so a rule fitted on some questions is
 * measured on others: the tune/check halves of `dev-wide.jsonl`, and k-fold cross-validation for
 * calibrated decisions (a confusion matrix from predictions on held-out folds only).
 */

/** 32-bit FNV-1a of a string: a stable hash, the same on every machine and Node version. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const unit of new TextEncoder().encode(text)) {
    hash ^= unit;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

export interface AssignFoldsOptions<T> {
  /** A stable identifier of an item (the eval sets' `id`). */
  id: (item: T) => string;
  /** The stratum an item belongs to (its first tag); every stratum is spread evenly over the folds. */
  stratum?: (item: T) => string;
}

/**
 * Assigns each item a fold from 0 to k − 1. Items are grouped by stratum (strata in name order),
 * ordered by a hash of their id within each, and dealt round-robin with one counter across all
 * strata: each stratum's folds differ in size by at most one, and so do the folds overall.
 *
 * @throws {RangeError} when k is not a whole number ≥ 2 or two items share an id.
 */
export function assignFolds<T>(items: readonly T[], k: number, options: AssignFoldsOptions<T>): Map<string, number> {
  if (!Number.isInteger(k) || k < 2) throw new RangeError(`k must be a whole number ≥ 2, got ${k}`);
  const stratumOf = options.stratum ?? (() => '');
  const strata = new Map<string, string[]>();
  for (const item of items) {
    const key = stratumOf(item);
    strata.set(key, [...(strata.get(key) ?? []), options.id(item)]);
  }
  const folds = new Map<string, number>();
  let dealt = 0;
  for (const key of [...strata.keys()].sort()) {
    const ids = strata.get(key)!.sort((a, b) => fnv1a(a) - fnv1a(b) || (a < b ? -1 : a > b ? 1 : 0));
    for (const id of ids) {
      if (folds.has(id)) throw new RangeError(`duplicate id ${id}`);
      folds.set(id, dealt++ % k);
    }
  }
  return folds;
}

/** The two halves of a tagged evaluation set: tune on one, check on the other. */
export interface TuneCheckSplit<T> {
  tune: T[];
  check: T[];
}

/**
 * The fixed tune/check split: two folds stratified by each item's first tag; fold 0 is the tune half.
 */
export function tuneCheckSplit<T extends { id: string; tags?: string[] | undefined }>(items: readonly T[]): TuneCheckSplit<T> {
  const folds = assignFolds(items, 2, { id: (i) => i.id, stratum: (i) => i.tags?.[0] ?? '' });
  return {
    tune: items.filter((i) => folds.get(i.id) === 0),
    check: items.filter((i) => folds.get(i.id) === 1),
  };
}

/** Counts of (actual, predicted) pairs: `matrix[actual][predicted]`. */
export type ConfusionMatrix<L extends string> = Record<L, Record<L, number>>;

export interface CrossValidateOptions<T, L extends string, M> extends AssignFoldsOptions<T> {
  k: number;
  /** Every label, in the order the matrix lists them. */
  labels: readonly L[];
  /** The true label of an item. */
  actual: (item: T) => L;
  /** Fits a model on the training folds. */
  fit: (training: T[]) => M;
  /** Predicts an item's label with a model fitted without it. */
  predict: (model: M, item: T) => L;
}

export interface CrossValidationResult<L extends string> {
  matrix: ConfusionMatrix<L>;
  /** Share of items predicted right on their held-out fold. */
  accuracy: number;
  /** Each item's held-out prediction, by id. */
  predictions: Map<string, L>;
}

/**
 * k-fold cross-validation of a fitted decision: for each fold, fit on the others and predict the
 * fold, so every prediction in the confusion matrix was made by a model that never saw the item.
 *
 * @example
 * const cv = crossValidate(items, { k: 5, id: (i) => i.id, labels: ['answered', 'related', 'none'],
 *   actual: (i) => i.gold, fit: fitThresholds, predict: (t, i) => decide(t, i.signals) });
 * @throws {RangeError} as {@link assignFolds}, or when a label is not in `labels`.
 */
export function crossValidate<T, L extends string, M>(items: readonly T[], options: CrossValidateOptions<T, L, M>): CrossValidationResult<L> {
  const folds = assignFolds(items, options.k, options);
  const matrix = Object.fromEntries(
    options.labels.map((a) => [a, Object.fromEntries(options.labels.map((p) => [p, 0]))]),
  ) as ConfusionMatrix<L>;
  const predictions = new Map<string, L>();
  let right = 0;
  for (let fold = 0; fold < options.k; fold++) {
    const held = items.filter((i) => folds.get(options.id(i)) === fold);
    if (held.length === 0) continue;
    const model = options.fit(items.filter((i) => folds.get(options.id(i)) !== fold));
    for (const item of held) {
      const actual = options.actual(item);
      const predicted = options.predict(model, item);
      if (!(actual in matrix) || !(predicted in matrix)) throw new RangeError(`label not in labels: ${actual} / ${predicted}`);
      matrix[actual][predicted]++;
      predictions.set(options.id(item), predicted);
      if (actual === predicted) right++;
    }
  }
  return { matrix, accuracy: items.length === 0 ? 0 : right / items.length, predictions };
}
