import { foldText } from './normalize-text.js';
/**
 * The numbered points of an expert's answer: `一要…`, `二是…`, `第三，…`, `首先…其次…`,
 * `一方面…另一方面…`. Chinese marks the points of a list with a closed set of ordinal words at the
 * start of a sentence or clause, so a question that asks for the Nth point (`第二要做的是什么？`,
 * `那第三呢？`) can be matched to the sentence that makes it.
 */

/** A point marker in a text. */
export interface PointMarker {
  /** 1 for `一是`, `首先`, `一方面`; 2 for `二要`, `其次`, `另一方面`… */
  ordinal: number;
  /** Offset of the marker in the text (UTF-16). */
  at: number;
}

/** The numerals of ordinals, `一` to `十`, in order: questions and answers count points and parts with them. */
export const CHINESE_NUMERALS = '一二三四五六七八九十';

/** `二` → 2, `十` → 10, `十二` → 12, `12` → 12: the number an ordinal writes. */
export function numeralValue(text: string): number {
  if (/^\d+$/u.test(text)) return Number(text);
  if (text.length === 2 && text[0] === '十') return 10 + CHINESE_NUMERALS.indexOf(text[1]!) + 1;
  return CHINESE_NUMERALS.indexOf(text[0]!) + 1;
}

/** `2` → `二`, up to ten; larger numbers stay digits. */
export function numeralWord(n: number): string {
  return n >= 1 && n <= 10 ? CHINESE_NUMERALS[n - 1]! : String(n);
}
/** Ordinal words that open a point: after the start of the text or a sentence or clause break. */
const MARKER = new RegExp(`(?<=^|[。；;：:！？!?\\n])\\s*(?:([${CHINESE_NUMERALS}])(?:是|要|方面|则|来)|第([${CHINESE_NUMERALS}])(?:[,，、]|是|要|方面)|(首先|其次|再次|最后)[,，]?|(一方面|另一方面))`, 'gu');
const WORD_ORDINALS: Record<string, number> = { 首先: 1, 其次: 2, 再次: 3, 一方面: 1, 另一方面: 2 };

/**
 * The point markers of a text, in order. `最后` is left out: it is the last point, whichever that is.
 */
export function pointMarkers(text: string): PointMarker[] {
  const markers: PointMarker[] = [];
  for (const match of text.matchAll(MARKER)) {
    const numeral = match[1] ?? match[2];
    const word = match[3] ?? match[4];
    const ordinal = numeral ? numeralValue(numeral) : word ? (WORD_ORDINALS[word] ?? 0) : 0;
    if (ordinal > 0) markers.push({ ordinal, at: match.index + match[0].length - match[0].trimStart().length });
  }
  return markers;
}

/** `第二` that is not `第二部分`, `第二个问题`: a point asked for. */
const ASKED_POINT = new RegExp(`第([${CHINESE_NUMERALS}])(?!部分|个问题|个提问|次)`, 'u');

/** `第二要做的是什么`, `那第三呢`, `第二点`: the point a question asks for, or null (`第二部分`, `第二个问题` are parts of the article). */
export function askedPoint(folded: string): number | null {
  const match = ASKED_POINT.exec(folded);
  return match ? numeralValue(match[1]!) : null;
}

/**
 * Matches (folded) text that makes the point with this ordinal (`三要…`, `第三,…`, `再次…`): the
 * clause a quote answering `那第三呢？` should hold.
 */
export function pointPattern(ordinal: number): RegExp {
  const numeral = CHINESE_NUMERALS[ordinal - 1] ?? '';
  const words = Object.entries(WORD_ORDINALS).filter(([, n]) => n === ordinal).map(([w]) => w);
  const forms = [`${numeral}(?:是|要|方面|则|来)`, `第${numeral}(?:[,，、]|是|要|方面)`, ...words];
  return new RegExp(`(?:^|[。;；:：!?！？"])(?:${forms.join('|')})`, 'u');
}

/** How far into an opening a shared word is looked for, and how far its place may drift. */
const SHAPE_SPAN = 12;
const SHAPE_DRIFT = 2;

/**
 * True when the openings of some paragraphs are parallel items of one list: each opens with a point
 * marker, or the same two characters stand at about the same place early in each
 * (`传统产业转型升级方面，` / `新兴产业发展壮大方面，` / `未来产业前瞻布局方面，`). A preamble
 * (`发展新质生产力是……关隘所在。` before `以绿色低碳为牵引，通过改革……`) is not one of them.
 */
export function parallelOpenings(openings: readonly string[]): boolean {
  if (openings.length < 2) return false;
  if (openings.every((text) => pointMarkers(text).some((m) => m.at === 0))) return true;
  const [first, ...rest] = openings.map((text) => text.slice(0, SHAPE_SPAN + SHAPE_DRIFT));
  for (let at = 0; at + 2 <= Math.min(SHAPE_SPAN, first!.length); at++) {
    const pair = first!.slice(at, at + 2);
    if (!/^\p{Script=Han}{2}$/u.test(pair)) continue;
    if (rest.every((text) => {
      const found = text.indexOf(pair, Math.max(0, at - SHAPE_DRIFT));
      return found >= 0 && found <= at + SHAPE_DRIFT;
    })) return true;
  }
  return false;
}


/** `生态优势、产业基础和能源优势三个方面`, `A、B、C三项指标`: parts named in one breath, then how many they are. */
const COUNTED_PARTS = /([^，。；：,;:！？!?“”"]{4,60}?)(两|[二三四五六七八九十])(?:个|大|项|条)?(?:方面|点|领域|部分|环节|维度|层面|类|块|指标|任务|举措|措施|工程|行动)/u;
/** What comes before the parts (`优势主要在`, `包括`): the last such word starts them. */
const PARTS_OPENING = /^.*(?:主要在于|主要在|主要是|主要有|集中在|体现在|围绕|包括|在于|分为|涵盖|涉及|从|有|在|是)/u;
/** What joins the parts: the enumeration comma, and `和`/`及`/`以及`/`与` before the last. */
const PARTS_JOINT = /、|以及|及|和|与/u;

/**
 * The parts a sentence names in one breath and counts (`优势主要在生态优势、产业基础和能源优势三个方面`
 * → 生态优势, 产业基础, 能源优势), in order, or null when it names none or their number is not the
 * one it gives: what `第二点` points at in an answer that listed nothing but quoted such a sentence.
 */
export function countedParts(text: string): string[] | null {
  const match = COUNTED_PARTS.exec(text);
  if (!match) return null;
  const count = match[2] === '两' ? 2 : numeralValue(match[2]!);
  const parts = match[1]!.replace(PARTS_OPENING, '').split(PARTS_JOINT).map((p) => p.trim());
  if (parts.length !== count || parts.some((p) => [...p].length < 2 || [...p].length > 12)) return null;
  return parts;
}

/**
 * The paragraphs after paragraph `at` that take up the parts a sentence of it counted, one a part, in
 * order (`…优势主要在生态优势、产业基础和能源优势三个方面。` then `生态是…`, `三次产业…`, `…能源…`):
 * the same speaker's, of the same kind, with no label of their own, each opening (its first sentence)
 * with a character pair of its part. Null when they do not.
 */
export function paragraphsTakingUp<P extends { text: string; speaker: string; kind: string; labelEnd: number }>(paragraphs: readonly P[], at: number, parts: readonly string[]): P[] | null {
  const first = paragraphs[at];
  if (!first) return null;
  const next = paragraphs.slice(at + 1, at + 1 + parts.length);
  if (next.length < parts.length || next.some((p) => p.speaker !== first.speaker || p.kind !== first.kind || p.labelEnd > 0)) return null;
  const opensWith = (text: string, part: string) => {
    const opening = foldText(text.split(/[。！？!?]/u)[0] ?? '');
    const folded = foldText(part);
    return [...folded].some((_, k) => k + 1 < folded.length && opening.includes(folded.slice(k, k + 2)));
  };
  return parts.every((part, i) => opensWith(next[i]!.text, part)) ? next : null;
}
