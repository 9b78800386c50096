import { deniesWords, REJECTED_VIEW } from './judge-yes-no.js';
import { SPOKEN_KINDS } from '../corpus/interview-layout.js';
import { ROLE_WORDS } from '../corpus/role-words.js';
import { foldForMatching, foldText } from '../corpus/normalize-text.js';
import type { Article } from '../corpus/parse-article.js';
import { honorificOf } from '../corpus/find-quoted-spans.js';
import { speechHolding } from '../corpus/speech-at.js';
import { simplifiedView } from '../corpus/turn-label.js';
import { splitSentences } from '../corpus/split-sentences.js';
import type { QuestionAnalysis } from '../retrieval/analyze-question.js';
import { phraseAround } from '../retrieval/weigh-terms.js';
import { anyOf, CONFIRMATION_WORDS, escapeRegExp, MENTION_VERBS, SAID_BEFORE_VERBS, SAID_IT_VERBS, WHO_WORDS } from '../retrieval/question-lexicon.js';
import { templatesOf } from './answer-templates.js';
import type { ChatResponse } from './answer-types.js';
import { makeCitation, MAX_QUOTE_CHARS, type Citation } from './citations.js';
import { composeLines } from './compose-answer.js';
import { trimQuote, type QuoteLocation, type QuoteVerifier } from '../check/index.js';

/**
 * Questions about who said a sentence the question quotes (`“教育孕育未来”是谁说的？`,
 * `魏晓强说过“教育孕育未来”吗？`): answered by finding the quote in the article, as a quote check
 * does, not by searching for its topic. The answer names who said it (and whom they report), says so
 * when the expert the question names is not the one, and says when the article has no such sentence.
 */

/** A quotation in the question, long enough to be a sentence rather than a term (`“三个最大”`). */
const QUOTED = /[“「『"]([^”」』"]{6,200})[”」』"]/u;
/** Words outside the quotation that ask who said it, or whether someone did. */
// Not `这句话` alone: `“……”这句话怎么理解？` asks what it means.
const ASKS_ATTRIBUTION = /(谁|哪位|哪一位|出自|原话|说过|讲过|提过|说的吗|讲的吗|提的吗|说了吗)/u;
/** At or above this similarity a quote the article lacks is a misquote of its nearest sentence. */
const NEAREST_FLOOR = 0.8;

/** The quotation a question asks the source of, or null when it asks something else. */
export function quotedForAttribution(question: string): string | null {
  const match = QUOTED.exec(question);
  if (!match) return null;
  const outside = question.slice(0, match.index) + question.slice(match.index + match[0].length);
  // In Traditional characters too (`誰說「……」？`).
  if (!ASKS_ATTRIBUTION.test(simplifiedView(outside))) return null;
  return match[1]!.trim();
}

/** Words a question asks the source of, quoted or not, and the people it asks whether they said them. */
export interface AttributionAsked {
  /** The words, as the question writes them. */
  words: string;
  /** The people the question asks about (`X是不是说过……`); empty for `……是谁说的？`. */
  asked: string[];
  /** The words stand in quotation marks. */
  marked: boolean;
}

/** Fewest Han characters (a Latin word one) of unquoted words taken for a sentence someone said, not a term or a topic. */
const MIN_UNMARKED_CHARS = 8;
/** Words that make unquoted words a question of their own (`刘畅说过青海有哪些短板吗？`), not a sentence. */
const ASKS_ITSELF = /什么|哪|怎么|怎样|如何|为什么|为何|为啥|几|多少|谁|啥|是否|有没有|是不是/u;
/** `……，这个思路`, `这一目标`: an idea pointed back at, not words. */
const POINTS_AT_IDEA = /[这那](?:个|一|种|项|些)?\p{Script=Han}{0,3}$/u;
/** `这句话`, `这个说法`: the words pointed back at before the frame. */
const THIS_SAYING = '(?:这(?:一)?句话|这句|这段话|这话|此话|这个说法|这种说法)?';
/** `说的`, `讲过`, `提出的`: having said it. */
const SAID_IT = `(?:${anyOf(SAID_IT_VERBS)})`;
/** `，有这回事吗`, `，是真的吗`, `，对吗`: a statement put up to be confirmed (folded). */
const CONFIRMATION_TAIL = new RegExp(`,?(?:${CONFIRMATION_WORDS})(?:吗|么|吧|不)$`, 'u');
/** A closing yes-no particle. */
const CLOSING = '(?:吗|(?<![什怎那这多])么|呢|没有|没)?';
/** The particle that closes a did-X-say question; not the 么 of 什么, 怎么, 那么, 这么, 多么. */
const ASKS_WHETHER = '(?:吗|(?<![什怎那这多])么|吧|没有)';

/** The frames built for each list of people (a question names few, from one article's): built once each. */
const framesByPeople = new Map<string, readonly RegExp[]>();

/** The unquoted frames, each with the words in `w` and the person asked about (if any) in `n`. */
function unmarkedFrames(people: readonly string[]): readonly RegExp[] {
  const key = people.join('\n');
  let frames = framesByPeople.get(key);
  if (!frames) {
    if (framesByPeople.size >= 1_000) framesByPeople.clear();
    framesByPeople.set(key, (frames = buildUnmarkedFrames(people)));
  }
  return frames;
}

function buildUnmarkedFrames(people: readonly string[]): RegExp[] {
  const frames = [
    // `……是谁说的？`, `……这句话出自谁？`, `……是哪位嘉宾讲的？`
    `^(?<w>.+?),?${THIS_SAYING}(?:(?:是|是由|由)?(?:${anyOf(WHO_WORDS)})(?:嘉宾|专家)?${SAID_IT}|出自(?:谁|哪位)(?:之口)?|是谁的话)${CLOSING}$`,
    // `谁说过……？`
    `^(?:是)?谁(?:${anyOf(SAID_IT_VERBS)})(?<w>.+?)$`,
  ];
  if (people.length > 0) {
    const n = `(?<n>${people.map(escapeRegExp).join('|')})`;
    // `……这话是X说的吗？`
    frames.push(`^(?<w>.+?),?${THIS_SAYING}是${n}${SAID_IT}${ASKS_WHETHER}$`);
    // `X是不是说过……？`, `X有没有说过……`, `X说过……吗？` (`……吧？`: asked to be confirmed); `X是不是也说……`
    // (someone else having said it too).
    frames.push(`^${n}(?:是不是|是否|有没有|可曾|真的)(?:也|还|同样|都)?(?:${anyOf(SAID_BEFORE_VERBS)})(?<w>.+?)${CLOSING}$`);
    frames.push(`^${n}(?:也|还|同样)?(?:${anyOf(SAID_BEFORE_VERBS)})(?<w>.+?)${ASKS_WHETHER}$`);
  }
  return frames.map((frame) => new RegExp(frame, 'u'));
}

/**
 * The words a question asks who said, or whether the people it names said them: a sentence in
 * quotation marks (`“教育孕育未来”是谁说的？`), or unquoted in a frame that asks who said it
 * (`越是欠发达，越要深刻领会高质量发展的内涵是谁说的？`, `李娜是不是说过新质生产力本身就是绿色生产力？`).
 * `people` are the speakers the question names and the host's role words. Null when it asks
 * something else: a term (`“四地”是谁提出的？`), a question of its own (`刘畅说过青海有哪些短板吗？`), or
 * a topic that merely has `说` in it (`为什么说绿色是青海的底色？`).
 */
export function wordsForAttribution(question: string, people: readonly string[] = []): AttributionAsked | null {
  // `王中毅说园区要100%绿色供电，有这回事吗？` asks as `王中毅说过园区要100%绿色供电吗？` does.
  const folded = foldText(question).replace(/[?!。.,~]+$/u, '').replace(CONFIRMATION_TAIL, '吗');
  const quoted = quotedForAttribution(question);
  if (quoted !== null) {
    // As before unquoted frames: the people named, not a role word (`主持人和哪位嘉宾都说过？`).
    const asked = people.filter((p) => folded.includes(p) && !foldText(quoted).includes(p) && !ROLE_WORDS.host.includes(p));
    return { words: quoted, asked, marked: true };
  }
  if (/["']/u.test(folded)) return null;
  for (const frame of unmarkedFrames(people)) {
    const match = frame.exec(folded);
    const words = match?.groups?.w?.replace(/^[,:]+|[,:]+$/gu, '');
    // `……，这个思路是谁讲的？` asks whose idea it is, put in the asker's words: a topic question.
    if (!words || ASKS_ITSELF.test(words) || POINTS_AT_IDEA.test(words)) continue;
    // A Latin word (`RCEP`) counts as one character.
    if ((words.match(/\p{Script=Han}|[a-z0-9]+/giu) ?? []).length < MIN_UNMARKED_CHARS) continue;
    // As the question writes them (`RCEP`, not the folded `rcep`), where folding changed only case.
    const written = new RegExp(escapeRegExp(words), 'iu').exec(question)?.[0] ?? words;
    return { words: written, asked: match!.groups!.n ? [match!.groups!.n] : [], marked: false };
  }
  return null;
}

/** The sentence holding a span, when it fits a quote; else the span. */
function sentenceAround(article: Article, paragraph: number, start: number, end: number): { start: number; end: number } {
  const text = article.paragraphs[paragraph]!.text;
  const sentences = splitSentences(text);
  const first = sentences.find((s) => s.start <= start && start < s.end);
  const last = sentences.find((s) => s.start < end && end <= s.end);
  if (!first || !last || last.end - first.start > MAX_QUOTE_CHARS) return { start, end };
  return { start: Math.max(first.start, article.paragraphs[paragraph]!.labelEnd), end: last.end };
}

/** The people a question asks whether they said the words, as the article names them (`主持人` → the host). */
function askedPeople(article: Article, asked: readonly string[]): string[] {
  const host = article.people.find((p) => p.role === 'host')?.name;
  return [...new Set(asked.map((p) => (ROLE_WORDS.host.includes(p) && host ? host : p)))];
}

/** The host's role words and the speakers a question names: who it may ask whether they said something. */
export function attributionPeople(analysis: QuestionAnalysis): string[] {
  return [...analysis.namedSpeakers, ...ROLE_WORDS.host];
}

/** What the question asks who said, as {@link wordsForAttribution} reads it from the analysis. */
export function attributionAsked(analysis: QuestionAnalysis): AttributionAsked | null {
  return wordsForAttribution(analysis.question, attributionPeople(analysis));
}

/** A folded text without its quotation marks, and where each of its units was in the folded text. */
function withoutMarks(folded: string): { text: string; at: number[] } {
  let text = '';
  const at: number[] = [];
  for (let i = 0; i < folded.length; i++) {
    if (folded[i] === '"' || folded[i] === "'") continue;
    text += folded[i];
    at.push(i);
  }
  return { text, at };
}

/**
 * Where words stand in the article once quotation marks are set aside on both sides: a question
 * typed without them (`青海能够积极拥抱新质生产力吗`) finds a sentence that has them (`拥抱“新质生产力”吗`).
 */
function findIgnoringMarks(article: Article, verifier: QuoteVerifier, words: string): QuoteLocation[] {
  const needle = withoutMarks(foldText(trimQuote(words))).text;
  if (needle === '') return [];
  const locations: QuoteLocation[] = [];
  for (const p of article.paragraphs) {
    const folded = foldForMatching(p.text);
    const plain = withoutMarks(folded.text);
    for (let at = plain.text.indexOf(needle); at >= 0; at = plain.text.indexOf(needle, at + 1)) {
      const start = folded.sourceIndex[plain.at[at]!]!;
      const last = folded.sourceIndex[plain.at[at + needle.length - 1]!]!;
      locations.push(verifier.locate(p.id, start, last + (p.text.codePointAt(last)! > 0xffff ? 2 : 1)));
    }
  }
  return locations;
}

/** Character bigrams of a folded text, punctuation and marks left out. */
function bigrams(folded: string): string[] {
  const chars = [...folded.replace(/[\p{P}\p{S}\s]/gu, '')];
  return chars.slice(1).map((c, i) => chars[i]! + c);
}

/** Share of the words' bigrams that a sentence holds: how much of the words it says. */
function recallIn(words: readonly string[], sentence: string): number {
  if (words.length === 0) return 0;
  const held = new Set(bigrams(foldText(sentence)));
  return words.filter((b) => held.has(b)).length / words.length;
}

/**
 * The sentence of one speaker's words that says most of the words asked about, with the share it
 * says: for `X说过……吗？` when the sentence nearest the words is someone else's, X may say them
 * nearly as well.
 */
function nearestOf(article: Article, words: string, speaker: string): { paragraph: number; start: number; end: number; recall: number } | null {
  return nearestSentence(article, words, (p) => p.speaker === speaker);
}

/**
 * The sentence, of the spoken paragraphs `within` accepts, that says most of the words (the share of
 * their bigrams it holds), with that share.
 */
export function nearestSentence(article: Article, words: string, within: (p: Article['paragraphs'][number]) => boolean): { paragraph: number; start: number; end: number; recall: number } | null {
  const grams = bigrams(foldText(words));
  let best: { paragraph: number; start: number; end: number; recall: number } | null = null;
  for (const p of article.paragraphs) {
    if (!within(p) || !SPOKEN_KINDS.has(p.kind)) continue;
    for (const s of splitSentences(p.text)) {
      const start = Math.max(s.start, p.labelEnd);
      if (start >= s.end) continue;
      const recall = recallIn(grams, p.text.slice(start, s.end));
      if (!best || recall > best.recall) best = { paragraph: p.id, start, end: s.end, recall };
    }
  }
  return best;
}

/** Share of the words an asked-about speaker's nearest sentence must say to count as theirs. */
const ASKED_NEAR_RECALL = 0.7;
/** How much less of the words than the nearest sentence it may say. */
const ASKED_NEAR_SLACK = 0.15;
/**
 * Share of words said verbatim by someone else that a person asked about must say in one sentence to
 * have said them too, in other words (`本身是` for `本身就是`: 9 of 11 bigrams).
 */
const SAID_NEARLY_RECALL = 0.8;

/**
 * The answer to a question asking who said some words (quoted or not), or whether the people it
 * names did: the words located as a quote check locates them (verbatim, or one near sentence),
 * `是`/`不是` first when it asks about someone, then who did say them. Null when the article has
 * neither the words nor a sentence near them.
 */
export function answerAttribution(article: Article, verifier: QuoteVerifier, ask: AttributionAsked): Pick<ChatResponse, 'answer' | 'citations' | 'coverage'> | null {
  const quote = ask.words;
  const named = askedPeople(article, ask.asked);
  const result = verifier.verify(quote);
  const unmarked = result.found ? [] : findIgnoringMarks(article, verifier, quote);
  if (!result.found && unmarked.length === 0) {
    // Only a near-verbatim quote is answered from its nearest sentence; a loose one (people quote
    // from memory) is left to the usual search, which finds its topic.
    const nearest = result.nearest && (result.nearest.score >= NEAREST_FLOOR || result.status === 'altered') ? result.nearest : null;
    if (!nearest) return null;
    const span = sentenceAround(article, nearest.paragraph, nearest.start, nearest.end);
    const citations = [makeCitation(article, 1, nearest.paragraph, span.start, span.end)];
    // The person asked about may say the words nearly as well as the one nearest (both paraphrase one idea).
    const grams = bigrams(foldText(quote));
    const nearestRecall = recallIn(grams, citations[0]!.quote);
    for (const name of named.filter((n) => n !== citations[0]!.speaker)) {
      const own = nearestOf(article, quote, name);
      if (own && own.recall >= ASKED_NEAR_RECALL && own.recall >= nearestRecall - ASKED_NEAR_SLACK) {
        citations.unshift(makeCitation(article, 1, own.paragraph, own.start, own.end));
      }
    }
    citations.forEach((c, i) => (c.n = i + 1));
    const first = citations[0]!;
    // Who said it is answered, of the sentence misquoted: coverage answered.
    const sayers = [...new Set(citations.map((c) => c.speaker))];
    // `李娜是不是说过P？` when her nearest sentence says `不是P`: no, she said the opposite.
    const opposite = first.role !== 'unattributed' && named.length === 1 && named[0] === first.speaker && deniesWords(first.quote, quote);
    // `刘畅是不是说过，发展新质生产力是发达地区的事？` when his sentence sets that out as `认识误区：…`: no.
    const rejected = !opposite && first.role !== 'unattributed' && named.length === 1 && named[0] === first.speaker && REJECTED_VIEW.test(first.quote);
    const intro =
      first.role === 'unattributed'
        ? templatesOf(article).quoteNotFoundUndecided(quote)
        : rejected
          ? templatesOf(article).saidAsRejected(quote, first.speaker)
          : opposite
          ? templatesOf(article).saidOpposite(quote, first.speaker)
          : templatesOf(article).yesOrNo(named, sayers) + templatesOf(article).quoteNotFound(quote, first.speaker);
    return { answer: composeLines(article, citations, { intro }), citations, coverage: 'answered' };
  }
  const citations: Citation[] = [];
  const located = result.found ? result.locations : unmarked;
  for (const location of located) {
    const n = citations.length + 1;
    // The whole sentence reads better, unless it wraps someone's reported words in the expert's own
    // narration (`并强调，…`): then the quoted words alone, which are the reported person's.
    const around = sentenceAround(article, location.paragraph, location.start, location.end);
    // Words a report credits to someone other than the paragraph's speaker: the sentence only as far
    // as their words go (`她对记者说：` before them is the reporter's telling, and would make them the reporter's).
    const paragraph = article.paragraphs[location.paragraph]!;
    const held = speechHolding(paragraph, location.start, location.end);
    const span = held && held.speaker !== paragraph.speaker ? { start: Math.max(around.start, held.start), end: Math.min(around.end, held.end) } : around;
    const sentence = makeCitation(article, n, location.paragraph, span.start, span.end);
    // Words someone is quoted saying: the whole of what they are quoted saying (with its full stop), when it fits.
    const quoted = paragraph.quotes.find((q) => q.start <= location.start && location.end <= q.end && q.end - q.start <= MAX_QUOTE_CHARS);
    const exact = makeCitation(article, n, location.paragraph, quoted?.start ?? location.start, quoted?.end ?? location.end);
    const citation = exact.quoting && !sentence.quoting ? exact : sentence;
    if (citations.some((c) => c.paragraph === citation.paragraph && c.start === citation.start)) continue;
    citations.push(citation);
  }
  // A paragraph whose speaker the parser could not decide is nobody's: never named as who said it.
  const speakers = [...new Set(citations.filter((c) => c.role !== 'unattributed').map((c) => c.speaker))];
  if (speakers.length === 0) return { answer: composeLines(article, citations, { intro: templatesOf(article).quoteSpeakerUndecided(quote) }), citations, coverage: 'answered' };
  // As the article names them (`习近平总书记`, `彭德安`).
  const reported = [...new Set(citations.flatMap((c) => (c.quoting ? [`${c.quoting}${honorificOf(article, c.quoting) ?? ''}`] : [])))];
  // `魏晓强是不是也说新质生产力本身就是绿色生产力？` when 李娜 says those very words and 魏晓强
  // `新质生产力本身是绿色生产力`: a person asked about who says nearly the same words said it too
  // (their sentence cited after), never answered `不是` for a word left out.
  const nearly: string[] = [];
  const grams = bigrams(foldText(quote));
  for (const name of named.filter((n) => !speakers.includes(n))) {
    const own = nearestOf(article, quote, name);
    if (!own || own.recall < SAID_NEARLY_RECALL) continue;
    const citation = makeCitation(article, citations.length + 1, own.paragraph, own.start, own.end);
    if (citation.role === 'unattributed' || deniesWords(citation.quote, quote) || recallIn(grams, citation.quote) < SAID_NEARLY_RECALL) continue;
    citations.push(citation);
    nearly.push(name);
  }
  // `刘畅是不是说过“……是经济发达地区的事情”？` when he writes those very words as `认识误区：‘……’`: he
  // names them to refute them, which is no yes.
  const setOut = named.length === 1 && nearly.length === 0 && speakers.length === 1 && speakers[0] === named[0] && located.every((l) => {
    const before = article.paragraphs[l.paragraph]!.text.slice(sentenceAround(article, l.paragraph, l.start, l.end).start, l.start);
    return REJECTED_VIEW.test(before);
  });
  if (setOut) {
    const intro = templatesOf(article).saidAsRejected(quote, named[0]!);
    return { answer: composeLines(article, citations, { intro }), citations, coverage: 'answered' };
  }
  const notThem = named.filter((name) => !speakers.includes(name) && !nearly.includes(name));
  // `不是X。` opens the line when X did not say it; `是。` when everyone asked about did.
  const yes = named.length > 0 && notThem.length === 0 ? templatesOf(article).yesOrNo(named, [...speakers, ...nearly]) : '';
  const intro = yes + (nearly.length > 0 ? templatesOf(article).saidNearly(nearly) : '') + templatesOf(article).quoteSaidBy(quote, speakers, reported, notThem);
  return { answer: composeLines(article, citations, { intro }), citations, coverage: 'answered' };
}

/**
 * `李娜提到RCEP了吗？`, `马冠奎有没有谈到对外开放？`: whether someone used a term at all. The term asked
 * about follows the verb and is a term, not a clause (`有没有谈到怎么培养人才？` asks how).
 */
const ASKS_MENTION = new RegExp(`(?:有没有|是否|可曾)?(?:${anyOf(MENTION_VERBS)})(?:了|过)?"?([^，。？?"]{1,12}?)"?(?:了|过)?(?:吗|没有|没)?[?？。]*$`, 'u');
/** Words that make what follows the verb a clause or a question, not a term. */
const NOT_A_TERM = /[的怎么什么哪如何为何吗呢]|有没有|是否/u;
/** Most speakers cited as the ones who did use the word. */
const MAX_OTHERS = 4;

/**
 * The term a question asks whether the one person it names used, as written after the verb
 * (`李娜提到RCEP了吗？` → `rcep`), or null when it asks something else.
 */
export function asksWhetherMentioned(analysis: QuestionAnalysis): string | null {
  if (analysis.namedSpeakers.length !== 1) return null;
  const asked = foldText(analysis.question);
  const mention = ASKS_MENTION.exec(asked);
  // A yes/no form is needed (`…了吗`, `有没有…`), and a term after the verb.
  if (!mention || !/(吗|没有|没)[?？。]*$|有没有|是否|可曾/u.test(asked) || NOT_A_TERM.test(mention[1]!)) return null;
  return mention[1]!;
}

/**
 * The answer to whether the one person a question names used a word (`李娜提到RCEP了吗？`), when they
 * never did: it says so (of the word, not of the idea, which they may put otherwise) and quotes those
 * who did. Null when the question asks something else or the person did use it (the usual answer
 * then quotes them).
 */
export function answerMention(article: Article, analysis: QuestionAnalysis): Pick<ChatResponse, 'answer' | 'citations' | 'coverage'> | null {
  if (asksWhetherMentioned(analysis) === null) return null;
  const name = analysis.namedSpeakers[0]!;
  const terms = analysis.terms.terms.filter((t) => [...t.text].length >= 2);
  const heaviest = [...terms].sort((a, b) => b.weight - a.weight)[0]?.text;
  if (!heaviest) return null;
  // With the words written next to it: `揭榜挂帅`, not `挂帅`.
  const word = phraseAround(foldText(analysis.question), heaviest, terms.map((t) => t.text));
  const spoken = article.paragraphs.filter((p) => SPOKEN_KINDS.has(p.kind));
  // Quotation marks aside: `东数“西算”` writes 东数西算.
  const plain = (text: string) => foldText(text).replace(/["'“”‘’]/gu, '');
  if (spoken.some((p) => p.speaker === name && plain(p.text).includes(word))) return null;
  const citations: Citation[] = [];
  for (const p of spoken) {
    if (p.speaker === name || citations.some((c) => c.speaker === p.speaker) || citations.length >= MAX_OTHERS) continue;
    const folded = foldForMatching(p.text);
    const foldedAt = folded.text.indexOf(word);
    if (foldedAt < 0) continue;
    const at = folded.sourceIndex[foldedAt]!;
    const sentence = splitSentences(p.text).find((s) => s.start <= at && at < s.end);
    if (!sentence || sentence.end - sentence.start > MAX_QUOTE_CHARS) continue;
    citations.push(makeCitation(article, citations.length + 1, p.id, Math.max(sentence.start, p.labelEnd), sentence.end));
  }
  // The word as the question wrote it (`RCEP`, not its folded `rcep`).
  const written = new RegExp(escapeRegExp(word), 'iu').exec(analysis.question)?.[0] ?? word;
  const said = templatesOf(article).notMentioned(name, written, citations.length > 0);
  if (citations.length === 0) return { answer: said, citations, coverage: 'related' };
  return { answer: composeLines(article, citations, { intro: said }), citations, coverage: 'answered' };
}
