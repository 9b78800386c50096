import { foldForMatching, type FoldedText } from '../corpus/normalize-text.js';
import type { Article } from '../corpus/parse-article.js';
import { splitSentences } from '../corpus/split-sentences.js';
import { alignedWindow, diffText } from './diff-text.js';

/**
 * The passage of the article closest to a text that is not in it word for word, and what was
 * changed: the one search `POST /api/check` and `POST /api/verify` share, so that they agree on a
 * near miss. The article's sentences and runs of two and three are indexed by character pairs, so a
 * search costs a bounded lookup and one bounded diff, not a scan.
 */

/**
 * What a change touches: `punctuation` only (marks, white space), a `number` or figure (`400亿`,
 * `三个方面`, `第二`), or other `wording`. A fact-checker can let the first pass and not the second.
 */
export type ChangeKind = 'punctuation' | 'number' | 'wording';

/** A change between the source passage and the text as written. */
export interface PassageChange {
  /** `deleted`: source words the text left out or replaced; `inserted`: words it added. */
  type: 'deleted' | 'inserted';
  kind: ChangeKind;
  text: string;
  /** Offsets into the source paragraph (`deleted`) or into the written text (`inserted`). */
  start: number;
  end: number;
}

/** The closest passage: offsets into the paragraph's `text`, and how alike it is. */
export interface ClosestPassage {
  paragraph: number;
  start: number;
  end: number;
  /** 2 × characters in common ÷ both lengths (character Dice on the aligned part), 0 to 1. */
  score: number;
  /** The aligned diff; null when the texts are too long to diff within the bound. */
  changes: PassageChange[] | null;
}

interface Candidate {
  paragraph: number;
  /** Offsets into the paragraph's folded text. */
  start: number;
  end: number;
  pairs: number;
}

/** Punctuation left out of the character pairs the search compares. */
const PUNCTUATION = /[\p{P}\p{S}\s]/gu;

const pairsOf = (folded: string): string[] => {
  const chars = [...folded.replace(PUNCTUATION, '')];
  const pairs: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) pairs.push(chars[i]! + chars[i + 1]!);
  return pairs;
};

/** The character-pair index of an article's passages. Build once per article. */
export class ClosestPassages {
  private readonly folded: FoldedText[];
  private readonly candidates: Candidate[] = [];
  /** Character pair → [candidate index, count in candidate] pairs. */
  private readonly postings = new Map<string, Array<[number, number]>>();

  constructor(private readonly article: Article) {
    this.folded = article.paragraphs.map((p) => foldForMatching(p.text));
    for (const p of article.paragraphs) {
      const folded = this.folded[p.id]!;
      const foldedAt = foldedOffsets(p.text, folded);
      // The turn label (`李娜:`) is not words anyone says: candidates start after it.
      const sentences = splitSentences(p.text.slice(p.labelEnd)).map((s) => ({ start: p.labelEnd + s.start, end: p.labelEnd + s.end }));
      for (let i = 0; i < sentences.length; i++) {
        for (let n = 1; n <= 3 && i + n <= sentences.length; n++) {
          const start = foldedAt[sentences[i]!.start]!;
          const end = foldedAt[sentences[i + n - 1]!.end]!;
          const counts = new Map<string, number>();
          for (const pair of pairsOf(folded.text.slice(start, end))) counts.set(pair, (counts.get(pair) ?? 0) + 1);
          const id = this.candidates.length;
          this.candidates.push({ paragraph: p.id, start, end, pairs: [...counts.values()].reduce((a, b) => a + b, 0) });
          for (const [pair, count] of counts) {
            let list = this.postings.get(pair);
            if (!list) this.postings.set(pair, (list = []));
            list.push([id, count]);
          }
        }
      }
    }
  }

  /**
   * The passage sharing most of a folded text's character pairs, narrowed to the part the text was
   * taken from, with its score and changes. `written` is the text as submitted (for the offsets of
   * `inserted` changes; `needle` is its fold). Null when no passage shares a pair with it.
   */
  closest(needle: string, written: string): ClosestPassage | null {
    const pairs = pairsOf(needle);
    if (pairs.length === 0) return null;
    const wanted = new Map<string, number>();
    for (const pair of pairs) wanted.set(pair, (wanted.get(pair) ?? 0) + 1);
    const common = new Map<number, number>();
    for (const [pair, count] of wanted) {
      for (const [id, inCandidate] of this.postings.get(pair) ?? []) common.set(id, (common.get(id) ?? 0) + Math.min(count, inCandidate));
    }
    // Most pairs in common first; among equals the shortest passage (a sentence, not its run of three).
    let best: Candidate | null = null;
    let bestCommon = 0;
    for (const [id, shared] of common) {
      const candidate = this.candidates[id]!;
      if (shared > bestCommon || (shared === bestCommon && best && candidate.pairs < best.pairs)) {
        best = candidate;
        bestCommon = shared;
      }
    }
    if (!best) return null;
    const folded = this.folded[best.paragraph]!;
    const passage = folded.text.slice(best.start, best.end);
    const window = alignedWindow(passage, needle) ?? { start: 0, end: passage.length };
    const part = passage.slice(window.start, window.end);
    const ops = diffText(part, needle);
    const matched = ops ? ops.filter((op) => op.type === 'equal').reduce((sum, op) => sum + op.aEnd - op.aStart, 0) : 0;
    const score = ops ? (2 * matched) / (part.length + needle.length) : (2 * bestCommon) / (best.pairs + pairs.length);
    const text = this.article.paragraphs[best.paragraph]!.text;
    const from = best.start + window.start;
    const start = folded.sourceIndex[from]!;
    const end = trimEnd(text, start, folded.sourceIndex[best.start + window.end] ?? text.length);
    return { paragraph: best.paragraph, start, end, score: Number(score.toFixed(3)), changes: ops ? this.changes(best.paragraph, from, ops, written) : null };
  }

  /** The diff in source-paragraph and written-text offsets (the needle is a fold of the trimmed text). */
  private changes(paragraph: number, from: number, ops: NonNullable<ReturnType<typeof diffText>>, written: string): PassageChange[] {
    const folded = this.folded[paragraph]!;
    const sourceText = this.article.paragraphs[paragraph]!.text;
    const foldedWritten = foldForMatching(written);
    const changes: PassageChange[] = [];
    for (const op of ops) {
      if (op.type === 'deleted') {
        const start = folded.sourceIndex[from + op.aStart]!;
        const end = folded.sourceIndex[from + op.aEnd] ?? sourceText.length;
        changes.push({ type: 'deleted', kind: changeKind(sourceText, start, end), text: sourceText.slice(start, end), start, end });
      } else if (op.type === 'inserted') {
        const start = foldedWritten.sourceIndex[op.bStart]!;
        const end = foldedWritten.sourceIndex[op.bEnd] ?? written.length;
        changes.push({ type: 'inserted', kind: changeKind(written, start, end), text: written.slice(start, end), start, end });
      }
    }
    return changes;
  }
}

/** Characters of a number written in Chinese (`三`, `两`, `十五`, `百分之`). */
const CHINESE_NUMERAL = /^[零〇一二两三四五六七八九十百千万亿几半]+$/u;
/** What follows a number that counts or measures (`三个`, `两项`, `五年`, `40%`). */
const MEASURE = /^[个项条种类大次倍年月日天号亿万千百十%％‰位家批成点处座所份名件台吨度元]/u;
/** An Arabic or full-width digit. */
const DIGIT = /[0-9０-９]/u;

/**
 * The kind of the change `[start, end)` of a text: a number when it has a digit, or when its words
 * are Chinese numerals that count something there (`三` before `个`, `二` after `第`): `统一` → `统筹`
 * is wording. The characters around it decide, as the text has them.
 */
export function changeKind(text: string, start: number, end: number): ChangeKind {
  const changed = text.slice(start, end);
  if (DIGIT.test(changed)) return 'number';
  if (changed.replace(PUNCTUATION, '') === '') return 'punctuation';
  // A numeral at the edge of the change may be part of a number that goes on outside it.
  const before = text.slice(Math.max(0, start - 2), start);
  const after = text.slice(end, end + 1);
  const numeral = [...changed].some((ch) => CHINESE_NUMERAL.test(ch));
  if (!numeral) return 'wording';
  const whole = before + changed + after;
  for (let i = 0; i < whole.length; i++) {
    if (!CHINESE_NUMERAL.test(whole[i]!)) continue;
    // Only numerals of the change itself count, with what stands beside them.
    const at = i - before.length;
    let j = i;
    while (j < whole.length && CHINESE_NUMERAL.test(whole[j]!)) j++;
    const touches = at < changed.length && j - before.length > 0;
    if (touches && (MEASURE.test(whole.slice(j)) || whole[i - 1] === '第' || (DIGIT.test(whole[i - 1] ?? '')))) return 'number';
    i = j;
  }
  return 'wording';
}

/** For each source offset, the folded offset where it starts. */
function foldedOffsets(text: string, folded: FoldedText): Int32Array {
  const foldedAt = new Int32Array(text.length + 1).fill(-1);
  for (let i = folded.sourceIndex.length - 1; i >= 0; i--) foldedAt[folded.sourceIndex[i]!] = i;
  for (let i = text.length - 1; i >= 0; i--) if (foldedAt[i] === -1) foldedAt[i] = foldedAt[i + 1]!;
  if (foldedAt[text.length] === -1) foldedAt[text.length] = folded.text.length;
  return foldedAt;
}

/** An end offset without the white space a fold dropped. */
function trimEnd(text: string, start: number, end: number): number {
  while (end > start && /\s/u.test(text[end - 1]!)) end--;
  return end;
}
