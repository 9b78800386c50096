import { SPOKEN_KINDS } from '../corpus/interview-layout.js';
import { foldForMatching, foldText } from '../corpus/normalize-text.js';
import type { Article } from '../corpus/parse-article.js';
import { splitSentences } from '../corpus/split-sentences.js';
import type { QuestionAnalysis } from '../retrieval/analyze-question.js';
import { phraseAround } from '../retrieval/weigh-terms.js';
import { answerTemplates } from './answer-templates.js';
import type { ChatResponse } from './answer-types.js';
import { makeCitation, MAX_QUOTE_CHARS, type Citation } from './citations.js';
import { composeLines } from './compose-answer.js';
import type { QuoteVerifier } from '../check/index.js';

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
  if (!ASKS_ATTRIBUTION.test(outside)) return null;
  return match[1]!.trim();
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

/**
 * The answer to a question asking who said a quoted sentence, or null when the question asks
 * something else.
 */
export function answerAttribution(article: Article, verifier: QuoteVerifier, analysis: QuestionAnalysis): Pick<ChatResponse, 'answer' | 'citations' | 'coverage'> | null {
  const quote = quotedForAttribution(analysis.question);
  if (quote === null) return null;
  const named = analysis.namedSpeakers.filter((name) => !foldText(quote).includes(name));
  const result = verifier.verify(quote);
  if (!result.found) {
    // Only a near-verbatim quote is answered from its nearest sentence; a loose one (people quote
    // from memory) is left to the usual search, which finds its topic.
    const nearest = result.nearest && result.nearest.score >= NEAREST_FLOOR ? result.nearest : null;
    if (!nearest) return null;
    const span = sentenceAround(article, nearest.paragraph, nearest.start, nearest.end);
    const citation = makeCitation(article, 1, nearest.paragraph, span.start, span.end);
    // Who said it is answered, of the sentence misquoted: coverage answered.
    return { answer: composeLines(article, [citation], { intro: answerTemplates.quoteNotFound(quote, citation.speaker) }), citations: [citation], coverage: 'answered' };
  }
  const citations: Citation[] = [];
  for (const location of result.locations) {
    const n = citations.length + 1;
    // The whole sentence reads better, unless it wraps someone's reported words in the expert's own
    // narration (`并强调，…`): then the quoted words alone, which are the reported person's.
    const span = sentenceAround(article, location.paragraph, location.start, location.end);
    const sentence = makeCitation(article, n, location.paragraph, span.start, span.end);
    const exact = makeCitation(article, n, location.paragraph, location.start, location.end);
    const citation = exact.quoting && !sentence.quoting ? exact : sentence;
    if (citations.some((c) => c.paragraph === citation.paragraph && c.start === citation.start)) continue;
    citations.push(citation);
  }
  const speakers = [...new Set(citations.map((c) => c.speaker))];
  const reported = [...new Set(citations.flatMap((c) => (c.quoting ? [c.quoting] : [])))];
  const notThem = named.filter((name) => !speakers.includes(name));
  const intro = answerTemplates.quoteSaidBy(quote, speakers, reported, notThem);
  return { answer: composeLines(article, citations, { intro }), citations, coverage: 'answered' };
}

/**
 * `李娜提到RCEP了吗？`, `马冠奎有没有谈到对外开放？`: whether someone used a term at all. The term asked
 * about follows the verb and is a term, not a clause (`有没有谈到怎么培养人才？` asks how).
 */
const ASKS_MENTION = /(?:有没有|是否|可曾)?(?:提到|提及|谈到|谈及|说到|讲到|说过|讲过|提过|谈过|用过)(?:了|过)?"?([^，。？?"]{1,12}?)"?(?:了|过)?(?:吗|没有|没)?[?？。]*$/u;
/** Words that make what follows the verb a clause or a question, not a term. */
const NOT_A_TERM = /[的怎么什么哪如何为何吗呢]|有没有|是否/u;
/** Most speakers cited as the ones who did use the word. */
const MAX_OTHERS = 4;

/**
 * The answer to whether the one person a question names used a word (`李娜提到RCEP了吗？`), when they
 * never did: it says so (of the word, not of the idea, which they may put otherwise) and quotes those
 * who did. Null when the question asks something else or the person did use it (the usual answer
 * then quotes them).
 */
export function answerMention(article: Article, analysis: QuestionAnalysis): Pick<ChatResponse, 'answer' | 'citations' | 'coverage'> | null {
  if (analysis.namedSpeakers.length !== 1) return null;
  const asked = foldText(analysis.question);
  const mention = ASKS_MENTION.exec(asked);
  // A yes/no form is needed (`…了吗`, `有没有…`), and a term after the verb.
  if (!mention || !/(吗|没有|没)[?？。]*$|有没有|是否|可曾/u.test(asked) || NOT_A_TERM.test(mention[1]!)) return null;
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
  const written = new RegExp(word.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&'), 'iu').exec(analysis.question)?.[0] ?? word;
  const said = answerTemplates.notMentioned(name, written, citations.length > 0);
  if (citations.length === 0) return { answer: said, citations, coverage: 'related' };
  return { answer: composeLines(article, citations, { intro: said }), citations, coverage: 'answered' };
}
