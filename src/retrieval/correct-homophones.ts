import { pinyin } from 'pinyin-pro';
import { foldForMatching, foldText } from '../corpus/normalize-text.js';
import type { Article } from '../corpus/parse-article.js';
import { tokenizeWords, wordBoundaries } from '../index/tokenize-chinese.js';

/**
 * Mends the commonest typing slip in Chinese: a pinyin input method's pick of another character of
 * the same sound (`硬道里` for 硬道理, `制造叶` for 制造业, `多精硅` for 多晶硅, `王中义` for 王中毅), or
 * nearly the same to a speaker who does not tell z/zh, c/ch, s/sh, n/l or -n/-ng apart (`制照业`).
 * Only the article's own words of three characters or more (and its people's names) are mended to,
 * tone for tone, and only where the question writes something the article never does: two syllables
 * alone collide too often (事实 and 实施), and so do runs that straddle words (`搞数字` and 高素质).
 */

/** Shortest word mended to; a person's name may be shorter. */
const MIN_WORD_CHARS = 3;
/** A word mended to by its sound without tones is at least this long. */
const MIN_TONELESS_CHARS = 4;

/** One mended run: what the question wrote and what the article writes. */
export interface Correction {
  from: string;
  to: string;
}

export interface CorrectedText {
  text: string;
  corrections: Correction[];
}

const HAN_RUN = /\p{Script=Han}+/gu;

/** The syllables of a run of Han characters, with tones, folded for near-homophones; null if unreadable. */
function syllables(run: string): string[] | null {
  const read = pinyin(run, { toneType: 'num', type: 'array' });
  if (read.length !== [...run].length) return null;
  return read.map(fuzzySyllable);
}

/** A folded syllable without its tone. */
function toneless(sound: string): string {
  return sound.replace(/\d$/u, '');
}

/** Two words of the same length that differ in exactly one character. */
function differsInOne(a: string, b: string): boolean {
  const x = [...a];
  const y = [...b];
  if (x.length !== y.length) return false;
  let differ = 0;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i] && ++differ > 1) return false;
  return differ === 1;
}

/** The one character where a word and its slip differ is a word of its own in the slip. */
function slipStandsAlone(word: string, slip: string): boolean {
  const x = [...word];
  const y = [...slip];
  const at = x.findIndex((c, i) => c !== y[i]);
  const bounds = wordBoundaries(slip);
  return bounds.has(at) && bounds.has(at + 1);
}

function addWord(root: SoundNode, sounds: readonly string[], word: string): void {
  let node = root;
  for (const sound of sounds) {
    let next = node.next.get(sound);
    if (!next) node.next.set(sound, (next = { next: new Map(), words: null }));
    node = next;
  }
  (node.words ??= new Set()).add(word);
}

/** Each syllable's fold: a few hundred syllables, each folded once. */
const fuzzySyllables = new Map<string, string>();

/** Folds the initials and finals that many speakers (and their input methods) confuse. */
function fuzzySyllable(syllable: string): string {
  let folded = fuzzySyllables.get(syllable);
  if (folded === undefined) {
    if (fuzzySyllables.size >= 10_000) fuzzySyllables.clear();
    fuzzySyllables.set(syllable, (folded = foldSyllable(syllable)));
  }
  return folded;
}

function foldSyllable(syllable: string): string {
  return syllable
    .toLowerCase()
    .replace(/^([zcs])h/u, '$1')
    .replace(/^l/u, 'n')
    .replace(/ng(\d?)$/u, 'n$1');
}

/** The article's words by their sounds, syllable by syllable: the words that sound as the path to a node. */
interface SoundNode {
  next: Map<string, SoundNode>;
  words: Set<string> | null;
}

/**
 * The words mended to, each with its syllables (folded), in the order they are put in the table: what
 * a corrector needs of its article besides the text. It depends on the article alone, so the ingest
 * computes it and the index keeps it (`retrieval.json`): ~10 ms of jieba and pinyin an article.
 */
export type HomophoneTable = Array<[word: string, sounds: string[]]>;

/**
 * The table of an article's texts, words and people's names: the names (folded), and the words of
 * three characters or more (and the terms it puts in quotation marks) that pinyin can read.
 *
 * @param texts the article's paragraphs
 * @param words the article's words (its own segmentation); those of three characters or more are mended to
 * @param names the people's names, mended to whatever their length
 */
export function homophoneTable(texts: readonly string[], words: Iterable<string>, names: readonly string[] = []): HomophoneTable {
  const targets = new Set<string>(names.map(foldText));
  // The article's words, and the terms it puts in quotation marks (`“先立后破”`, `“黑灯工厂”`), which
  // jieba may cut into pieces.
  const quoted = texts.flatMap((t) => [...t.matchAll(/[“"]([^”"]{3,8})[”"]/gu)].map((m) => m[1]!));
  for (const word of [...words, ...quoted]) {
    const folded = foldText(word);
    if ([...folded].length >= MIN_WORD_CHARS && /^\p{Script=Han}+$/u.test(folded)) targets.add(folded);
  }
  const table: HomophoneTable = [];
  for (const word of targets) {
    const sounds = syllables(word);
    if (sounds) table.push([word, sounds]);
  }
  return table;
}

/** An article's table: its paragraphs, their words (jieba's), and the people a question can name (all but the editor). */
export function articleHomophoneTable(article: Pick<Article, 'paragraphs' | 'speakers'>): HomophoneTable {
  const texts = article.paragraphs.map((p) => p.text);
  return homophoneTable(texts, texts.flatMap((t) => tokenizeWords(t)), askableNames(article));
}

/** The people a question can name: the experts and the host (the names a corrector mends to). */
export function askableNames(article: Pick<Article, 'speakers'>): string[] {
  return article.speakers.filter((s) => s.role !== 'editor').map((s) => s.name);
}

export class HomophoneCorrector {
  /**
   * Sound of a word → the article's words that sound so (folded), as a trie of syllables: a run's
   * windows starting at one character are looked up in one walk, without joining their syllables.
   */
  private readonly spellings: SoundNode = { next: new Map(), words: null };
  /**
   * The same, tones left out: an input method offers every character of a syllable, whatever its
   * tone (`新质生产里` for 新质生产力), so a word that differs in one character only may be mended to
   * by its toneless sound.
   */
  private readonly tonelessSpellings: SoundNode = { next: new Map(), words: null };
  /** Lengths of the words in {@link spellings}, longest first. */
  private readonly lengths: number[];
  private readonly foldedArticle: string;
  /** The people's names, folded. */
  private readonly names: Set<string>;

  /**
   * @param texts the article's paragraphs
   * @param words the article's words (its own segmentation); those of three characters or more are mended to
   * @param names the people's names, mended to whatever their length
   * @param table the table of these texts, words and names ({@link homophoneTable}) as the index keeps it: `words` is then not read
   */
  constructor(texts: readonly string[], words: Iterable<string>, names: readonly string[] = [], table: HomophoneTable = homophoneTable(texts, words, names)) {
    this.foldedArticle = texts.map(foldText).join('\n');
    this.names = new Set(names.map(foldText));
    const lengths = new Set<number>();
    for (const [word, sounds] of table) {
      addWord(this.spellings, sounds, word);
      addWord(this.tonelessSpellings, sounds.map(toneless), word);
      lengths.add([...word].length);
    }
    this.lengths = [...lengths].sort((a, b) => b - a);
  }

  /**
   * The question with each run the article never writes, but that sounds like one of its words (one
   * only), replaced by that word. Text the article has is never touched.
   */
  correct(question: string): CorrectedText {
    const { text: folded, sourceIndex } = foldForMatching(question);
    // A run is mended only where it begins and ends at the question's own word boundaries:
    // `生产绿色产品` holds 生产 + 绿色, not a slip for 生产率.
    // Segmented only when a run sounds like one of the article's words: most questions have none.
    let bounds: Set<number> | null = null;
    const edits: Array<{ start: number; end: number; to: string; from: string }> = [];
    for (const match of folded.matchAll(HAN_RUN)) {
      const run = match[0];
      const chars = [...run];
      const sounds = syllables(run);
      if (!sounds || chars.length !== run.length) continue;
      let i = 0;
      // The article's words sounding as the n syllables from i, by n (filled by one walk of the trie).
      const sounding: Array<Set<string> | null> = [];
      const soundingToneless: Array<Set<string> | null> = [];
      const flat = sounds.map(toneless);
      while (i < chars.length) {
        let advanced = false;
        sounding.length = 0;
        for (let node: SoundNode | undefined = this.spellings, n = 0; node && i + n < sounds.length; n++) {
          node = node.next.get(sounds[i + n]!);
          sounding[n + 1] = node?.words ?? null;
        }
        // The toneless trie is walked from i only when a window long enough sounds like nothing tone
        // for tone (one walk for all its lengths, as above).
        let walkedToneless = false;
        const soundingWithoutTones = (n: number): Set<string> | null => {
          if (!walkedToneless) {
            walkedToneless = true;
            soundingToneless.length = 0;
            for (let node: SoundNode | undefined = this.tonelessSpellings, k = 0; node && i + k < flat.length; k++) {
              node = node.next.get(flat[i + k]!);
              soundingToneless[k + 1] = node?.words ?? null;
            }
          }
          return soundingToneless[n] ?? null;
        };
        for (const n of this.lengths) {
          if (i + n > chars.length) continue;
          // The sound is looked up first: a run that sounds like none of the article's words (nearly
          // every run) needs no search of the article's text.
          // Tone for tone; else, tones aside, a word of the article of four characters or more that
          // differs in one character only (not `搞科技` for 高科技: three characters are too few).
          const found = sounding[n];
          const alike = found ? null : n < MIN_TONELESS_CHARS ? null : soundingWithoutTones(n);
          if (found ? found.size !== 1 : alike === null) continue;
          const window = chars.slice(i, i + n).join('');
          if (this.foldedArticle.includes(window)) continue;
          // The character typed differently must stand alone in the run (`新质生产里`: 里), not be part
          // of a word the reader meant (`新型产业`: 新型 is a word, not a slip for 新兴).
          const loose = found ? null : [...alike!].filter((w) => differsInOne(w, window) && slipStandsAlone(w, window));
          if (loose !== null && loose.length !== 1) continue;
          const to = found ? [...found][0]! : loose![0]!;
          // A name is held to its surname, not to word boundaries (`刘唱和任军` cuts as 唱和); a name
          // shorter than a word only with its surname typed right (`李那`, not `厂里那些`).
          bounds ??= wordBoundaries(folded);
          const aligned = bounds.has(match.index + i) && bounds.has(match.index + i + n);
          if (!aligned && !this.names.has(to)) continue;
          if (n < MIN_WORD_CHARS && to[0] !== window[0]) continue;
          const start = match.index + i;
          const from = question.slice(sourceIndex[start]!, sourceIndex[start + n]!);
          edits.push({ start: sourceIndex[start]!, end: sourceIndex[start + n]!, to, from });
          i += n;
          advanced = true;
          break;
        }
        if (!advanced) i++;
      }
    }
    return applyEdits(question, edits);
  }
}

/** A question with runs replaced (edits in order, not overlapping), and the corrections they are. */
export function applyEdits(question: string, edits: ReadonlyArray<{ start: number; end: number; to: string; from: string }>): CorrectedText {
  if (edits.length === 0) return { text: question, corrections: [] };
  let text = '';
  let at = 0;
  for (const edit of edits) {
    text += question.slice(at, edit.start) + edit.to;
    at = edit.end;
  }
  text += question.slice(at);
  return { text, corrections: edits.map(({ from, to }) => ({ from, to })) };
}
