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

/**
 * The part of a long source that a short copy was taken from: the span of its matched characters,
 * leaving out stray single-character matches far from the rest, and widened by as many characters
 * as the copy has unmatched at each end (a first word swapped is a deletion too).
 */
export function alignedWindow(a: string, b: string): { start: number; end: number } | null {
  const ops = diffText(a, b);
  if (!ops) return null;
  const equal = ops.filter((op) => op.type === 'equal');
  // Drop edge runs of one or two characters separated from the next run by a wide gap.
  let first = 0;
  let last = equal.length - 1;
  while (first < last && equal[first]!.aEnd - equal[first]!.aStart <= 2 && equal[first + 1]!.aStart - equal[first]!.aEnd >= 4) first++;
  while (last > first && equal[last]!.aEnd - equal[last]!.aStart <= 2 && equal[last]!.aStart - equal[last - 1]!.aEnd >= 4) last--;
  const head = equal[first];
  const tail = equal[last];
  if (!head || !tail) return null;
  const start = Math.max(0, head.aStart - head.bStart);
  const end = Math.min(a.length, tail.aEnd + (b.length - tail.bEnd));
  return { start, end };
}
