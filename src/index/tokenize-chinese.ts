import { normalizeForSearch } from '../corpus/normalize-text.js';
import { jiebaDictPath } from './jieba-files.js';
import { Segmenter } from './segmenter.js';

/**
 * Chinese-aware tokenisation for ranking and the local embedder. LangChain's `BM25Retriever`
 * splits on white space, which leaves a Chinese sentence as one token (and scores NaN), so words
 * come from jieba's search mode instead: `新质生产力` gives `新质`, `生产`, `生产力`.
 */

let jieba: Segmenter | null = null;
function segmenter(): Segmenter {
  // The dictionary is read in small chunks into the segmenter's compact arrays (jieba's own,
  // `Jieba.withDict`, took some 41 MiB of native memory), with the same results.
  jieba ??= Segmenter.fromDictFile(jiebaDictPath());
  return jieba;
}

/** Words that carry no topic: question words, particles, function words. */
const STOPWORDS = new Set(
  (
    '的 了 和 与 及 是 在 有 也 就 都 而 对 为 以 等 中 上 下 要 把 被 让 这 那 其 之 或 并 又 将 从 到 ' +
    '哪些 什么 怎么 怎样 如何 为何 为什么 吗 呢 吧 啊 哪 几 哪几 谁 是否 能否 能 会 可以 应该 应当 ' +
    '一个 这个 那个 这些 那些 一些 我们 你们 他们 他 她 它 您 你 我 还 说 提到 认为 看 看法 ' +
    '方面 起 得 着 过 很 更 最 所 于 由 给 向 个 请 问 ' +
    // Generic words of questions: they ask, they name no topic.
    '问题 怎么办 怎么样 办法 情况 一下 具体 主要 有关 相关'
  ).split(' '),
);

const HAS_CONTENT = /[\p{Script=Han}\p{L}\p{N}]/u;

/**
 * A question is segmented several times while it is answered (its analysis, the lexical search, the
 * embedder, the coverage signals): short texts' results are kept, cleared when full. Callers get a
 * copy, never the kept array or map.
 */
const MEMO_LIMIT = 2_000;
const MEMO_MAX_CHARS = 1_000;
const wordMemo = new Map<string, string[]>();
const tagMemo = new Map<string, Map<string, string>>();
function remember<T>(memo: Map<string, T>, key: string, value: T): T {
  if (key.length > MEMO_MAX_CHARS) return value;
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, value);
  return value;
}

/** Words of a text for lexical ranking: normalised, segmented, stopwords and punctuation dropped. */
export function tokenizeWords(text: string): string[] {
  const kept = wordMemo.get(text);
  if (kept) return [...kept];
  const words = segmenter()
    .cutForSearch(normalizeForSearch(text))
    .map((w) => w.trim())
    .filter((w) => w !== '' && HAS_CONTENT.test(w) && !STOPWORDS.has(w));
  return [...remember(wordMemo, text, words)];
}

/**
 * Most distinct words of a question that answering looks at. A legal question is short, but folding
 * can expand it (NFKC turns U+FDFA into 18 characters and four words); bounding the words bounds
 * every step after this one.
 */
export const MAX_QUERY_WORDS = 64;

/**
 * The distinct words of a question, in order of first appearance, at most {@link MAX_QUERY_WORDS}.
 * Search-mode segmentation repeats sub-words (`生产`, `生产力`); both are kept here.
 */
export function queryWords(text: string): string[] {
  const distinct = new Set<string>();
  for (const word of tokenizeWords(text)) {
    distinct.add(word);
    if (distinct.size >= MAX_QUERY_WORDS) break;
  }
  return [...distinct];
}

/** Words not contained in a longer word of the same list: `生产力` stays, `生产` goes. */
export function longestWords(words: string[]): string[] {
  return words.filter((w, i) => !words.some((o, j) => j !== i && o.length > w.length && o.includes(w)));
}

/**
 * Where a text's words begin and end (offsets into `text`, 0 and its length included), by jieba's
 * plain segmentation: every character is in exactly one word.
 */
export function wordBoundaries(text: string): Set<number> {
  const bounds = new Set<number>([0]);
  let at = 0;
  for (const word of segmenter().cut(text)) {
    at += word.length;
    bounds.add(at);
  }
  return bounds;
}

/** Character bigrams of the Han runs of a text: robust to words jieba cuts differently. */
export function hanBigrams(text: string): string[] {
  const normalized = normalizeForSearch(text);
  const out: string[] = [];
  for (const run of normalized.match(/\p{Script=Han}+/gu) ?? []) {
    for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
  }
  return out;
}

/**
 * Part of speech of each word of a text (jieba's tags: `n` noun, `ns` place, `v` verb, `a` adjective…),
 * as a map from word to tag.
 */
export function partsOfSpeech(text: string): Map<string, string> {
  const kept = tagMemo.get(text);
  if (kept) return new Map(kept);
  const tags = new Map<string, string>();
  for (const { word, tag } of segmenter().tag(normalizeForSearch(text))) tags.set(word, tag);
  return new Map(remember(tagMemo, text, tags));
}

