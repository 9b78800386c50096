/**
 * A character-level diff (longest common subsequence) between a source passage and a changed copy
 * of it, bounded in cost: texts whose table would exceed {@link MAX_DIFF_CELLS} are not diffed.
 */

/** One run of the alignment: offsets into the source (`a`) and the copy (`b`), end exclusive. */
export interface DiffOp {
  type: 'equal' | 'deleted' | 'inserted';
  aStart: number;
  aEnd: number;
  bStart: number;
  bEnd: number;
}

/** Largest table (source length × copy length) diffed: about 1 ms of work. */
export const MAX_DIFF_CELLS = 250_000;

/**
 * Aligns `b` to `a`: runs of equal characters, characters of `a` that `b` deleted and characters
 * `b` inserted, in order. Null when the texts are too long to diff within the bound.
 */
export function diffText(a: string, b: string): DiffOp[] | null {
  const n = a.length;
  const m = b.length;
  if ((n + 1) * (m + 1) > MAX_DIFF_CELLS) return null;
  const width = m + 1;
  const table = new Uint16Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i * width + j] =
        a[i] === b[j] ? table[(i + 1) * width + j + 1]! + 1 : Math.max(table[(i + 1) * width + j]!, table[i * width + j + 1]!);
    }
  }
  const ops: DiffOp[] = [];
  const push = (type: DiffOp['type'], i: number, j: number) => {
    const last = ops.at(-1);
    const di = type === 'inserted' ? 0 : 1;
    const dj = type === 'deleted' ? 0 : 1;
    if (last && last.type === type) {
      last.aEnd += di;
      last.bEnd += dj;
    } else {
      ops.push({ type, aStart: i, aEnd: i + di, bStart: j, bEnd: j + dj });
    }
  };
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) push('equal', i++, j++);
    else if (table[(i + 1) * width + j]! >= table[i * width + j + 1]!) push('deleted', i++, j);
    else push('inserted', i, j++);
  }
  while (i < n) push('deleted', i++, j);
  while (j < m) push('inserted', i, j++);
  return ops;
}

/** What each source character skipped between two matched runs costs, against one matched character. */
const SKIP_COST = 0.5;

/**
 * The part of a long source that a short copy was taken from: the densest stretch of its matched
 * runs (each run's characters, less {@link SKIP_COST} for each source character skipped between runs
 * beyond those the copy replaces there), so that words matched here and there across a long sentence
 * (`教育` early, `人才` later) do not stretch it; widened by as many characters as the copy has
 * unmatched at each end (a first word swapped is a deletion too).
 */
export function alignedWindow(a: string, b: string): { start: number; end: number } | null {
  const ops = diffText(a, b);
  if (!ops) return null;
  const equal = ops.filter((op) => op.type === 'equal');
  if (equal.length === 0) return null;
  // Best-scoring stretch of consecutive runs (Kadane over runs, skipped source characters as a cost).
  let first = 0;
  let last = 0;
  let best = -Infinity;
  let from = 0;
  let score = 0;
  for (let i = 0; i < equal.length; i++) {
    const run = equal[i]!;
    const length = run.aEnd - run.aStart;
    const previous = equal[i - 1];
    const skipped = previous ? Math.max(0, run.aStart - previous.aEnd - (run.bStart - previous.bEnd)) : 0;
    if (i === 0 || score - SKIP_COST * skipped <= 0) {
      from = i;
      score = length;
    } else {
      score += length - SKIP_COST * skipped;
    }
    if (score > best) {
      best = score;
      first = from;
      last = i;
    }
  }
  const head = equal[first];
  const tail = equal[last];
  if (!head || !tail) return null;
  const start = Math.max(0, head.aStart - head.bStart);
  const end = Math.min(a.length, tail.aEnd + (b.length - tail.bEnd));
  return { start, end };
}
