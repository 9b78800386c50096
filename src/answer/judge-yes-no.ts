import { foldText } from '../corpus/normalize-text.js';
import type { Article } from '../corpus/parse-article.js';
import { splitSentences } from '../corpus/split-sentences.js';
import { queryWords } from '../index/tokenize-chinese.js';
import { distinctBigrams } from '../retrieval/paragraph-bigram-ranker.js';
import type { QuestionAnalysis } from '../retrieval/analyze-question.js';
import { anyOf, CONFIRMATION_WORDS, MENTION_VERBS, OPEN_QUESTION_WORDS, NOT_ASKING, YES_NO_JUDGEMENTS } from '../retrieval/question-lexicon.js';
import { foldedArticle, inTitle } from './article-text.js';
import { makeCitation, type Citation } from './citations.js';

/**
 * Yes/no questions (`是不是…`, `有没有…`, `…吗？`, `是否…`, `X认为…吗？`, `会不会…`): the plain
 * judgement an answer opens with, decided from the sentences it cites. The asked proposition's key
 * terms said in a cited sentence of the right speaker without negation is a yes; said with a
 * negation (`不`, `没有`, `并非`, `难以`…) or contradicted (`较低` for `高吗`, `正在逐步` for
 * `已经全部`) is a no; anything else is not settled. Conservative: a wrong `是` is worse than "not
 * settled", so a yes needs nearly all of the proposition's weight in one sentence, and sentences
 * that disagree settle nothing.
 */

export type YesNoVerdict = 'yes' | 'no' | 'unsettled';

/** What a yes/no question asks: the words its judgement is said with, and the proposition. */
export interface YesNoAsked {
  yes: string;
  no: string;
  /** The question without its frame (`青海有后发优势`), as a reply that it is not settled names it. */
  proposition: string;
}

const FRAMES = YES_NO_JUDGEMENTS.map((j) => ({ ...j, pattern: new RegExp(j.frame, 'u') }));
/** `搞不搞`, `算不算`, `要不要`: one character, `不`, the same character. */
const A_NOT_A = /(\p{Script=Han})不\1/u;
const OPEN_QUESTION = new RegExp(anyOf(OPEN_QUESTION_WORDS), 'u');
/** `还有吗？`, `是吗？`, `对吗？`: a follow-up with nothing to judge. */
const TOO_SHORT = 4;
/** What comes before the proposition and asks about the article, not in it (`文章有没有说`, `请问`). */
const LEADING = /^(?:请问|那么|那)?[,，]?(?:(?:这篇|这次)?(?:文章|访谈|报道|采访|节目)(?:里面|里|中)?(?:有没有|是否|是不是)?(?:说|说到|提到|提|讲|谈到)(?:过)?|按照?\p{Script=Han}{1,6}的(?:说法|观点|看法)[,，])/u;
/**
 * A view put to the experts (`有种说法是……，专家同意吗？`): the opener and the agreement asked for,
 * around the view the judgement is about.
 */
const VIEW_PUT = /^(?:有(?:种|一种|人|些人|的人)(?:说法|观点|看法)?(?:是|认为|说|觉得)|有(?:种|一种)(?:说法|观点|看法))[,，:：]?|[,，](?:专家|嘉宾|他们|你|大家|各位)?们?(?:同意|赞同|认同|赞成)(?:吗|么)?$/gu;
/** The close of a yes/no question, a confirmation asked for included (`，有这回事吗？`, `，对吗？`). */
const TRAILING = new RegExp(`(?:[,，]?(?:${CONFIRMATION_WORDS})(?=(?:吗|么|吧|不)[?？!！。.\\s]*$))?(?:了)?(?:吗|么|呢|吧|不)?[?？!！。.\\s]*$`, 'u');

/**
 * The yes/no question a question is, or null: a topic question in a yes/no frame with no word that
 * asks what, which, how or why.
 */
export function yesNoAsked(analysis: Pick<QuestionAnalysis, 'question' | 'intent'>): YesNoAsked | null {
  if (analysis.intent.kind !== 'topic' || analysis.intent.enumerates) return null;
  const question = foldText(analysis.question).replace(/[?!。.\s]+$/u, '');
  if ([...question].length < TOO_SHORT || OPEN_QUESTION.test(question.replace(NOT_ASKING, ''))) return null;
  const written = analysis.question.trim();
  const proposition = written.replace(LEADING, '').replace(/[?？!！。.\s]+$/u, '').replace(VIEW_PUT, '').replace(TRAILING, '');
  const frame = FRAMES.find((f) => f.pattern.test(question));
  // (A frame may name its verb: `同意吗` is answered `同意`/`不同意`.)
  const verb = frame?.pattern.exec(question)?.[1] ?? '';
  if (frame) return { yes: frame.yes.replace('$1', verb), no: frame.no.replace('$1', verb), proposition };
  const doubled = A_NOT_A.exec(question);
  if (doubled) return { yes: doubled[1]!, no: `不${doubled[1]!}`, proposition };
  return null;
}

/**
 * Negation in a clause: `不` (not in `不断`, `不仅`, `不少`…), `没有`, `并非`, `未` (not `未来`),
 * `难以`, `缺乏`, `不足`, `尚未`.
 */
const NEGATION = /不是|并非|并不|没有|没|尚未|从未|并未|未(?!来)|无法|难以|缺乏|欠缺|不足|不够|不(?!断|仅|少|同|论|管|过|但|光|久|停|懈|移|息|可或缺|折不扣|言而喻|乏|妨|外乎|止)/u;
/** Every negation of a text ({@link NEGATION}, global). */
const NEGATIONS = new RegExp(NEGATION.source, 'gu');
/** Words that set out a view to reject it (`认识误区`, `错误观点`): what follows is not held. */
export const REJECTED_VIEW = /误区|误解|偏见|错误(?:的)?(?:观点|认识|看法|观念)|片面(?:的)?(?:认识|看法|观点)/u;
/** `不一定`, `未必`, `有待`: a hedge settles nothing. */
const HEDGE = /不一定|未必|有待|或许|也许|不确定/u;
/** A question asking whether something is done (`已经全部实现…`) … */
const ASKS_DONE = /已经|全部|完全|彻底|全都/u;
/** … answered by a sentence saying it is under way (`正在逐步实现…`): not yet. */
const UNDER_WAY = /正在|逐步|尚未|还没|仍然|仍|初步|有待|开始/u;
/** Adjectives of degree and their opposites: `算高的吗？` answered by `处于全国较低水平`. */
const OPPOSITES: ReadonlyArray<readonly [string, string]> = [
  ['高', '低'], ['强', '弱'], ['多', '少'], ['大', '小'], ['快', '慢'], ['好', '差'],
];
/** Two-character opposites, read anywhere in the clause. */
const WORD_OPPOSITES: ReadonlyArray<readonly [string, string]> = [
  ['领先', '落后'], ['先进', '落后'], ['充足', '短缺'], ['优势', '短板'], ['增加', '减少'], ['上升', '下降'], ['提高', '降低'],
  ['领先', '靠后'], ['前列', '靠后'], ['靠前', '靠后'], ['领先', '垫底'], ['扩大', '缩小'], ['加快', '放缓'],
];
/** A single-character adjective as the question's predicate: `算高的吗`, `很强吗`, `多不多`. */
function askedDegree(question: string, adjective: string): boolean {
  return new RegExp(`(?:算|很|较|比较|更|最|偏|太|相对|够|是)${adjective}(?:的)?(?:吗|么|呢|吧|不${adjective}|$)|${adjective}不${adjective}`, 'u').test(question);
}
/** The same adjective in a sentence with a degree word (`较低`, `相对较低`, `最低`). */
function saidDegree(clause: string, adjective: string): boolean {
  return new RegExp(`(?:较|很|偏|更|最|过|比较|相对|太)${adjective}`, 'u').test(clause);
}

/**
 * Words of a question's frame that no sentence needs to say: asking about the article and about
 * saying, the negated half of a frame (`是不是` read as `是`, `不是`), and whom it asks among
 * (`有没有专家提到…`).
 */
const FRAME_WORDS = /^(?:文章|访谈|报道|采访|节目|说法|观点|看法|认为|觉得|表示|提到|谈到|说|讲|提|是|有|会|能|算|搞|要|按照|按|已经|全部|完全|不是|没有|不会|不能|是否|专家|嘉宾|学者|有人|人家)$/u;
/** Asking whether something is mentioned (`有没有提到`, `谈到…了吗`), not whether it holds. */
const ASKS_MENTION = new RegExp(`(?:${anyOf(MENTION_VERBS)})`, 'u');
/** Asking whether someone said a proposition (`是不是说过…`), not whether a topic comes up. */
const SAYS_PROPOSITION = /说过|讲过/u;
/** The frame's own negations, which deny nothing: `有没有`, `是不是`, `A不A`, a closing `了没有`. */
const FRAME_ASKING = /有没有|是不是|会不会|能不能|(\p{Script=Han})不\1|(?:了|过)没有$/gu;
/** Share of the proposition's weight one sentence must say for a yes. */
const YES_SHARE = 0.8;
/** Share it must say for a negation or an opposite to be a no about it. */
const NO_SHARE = 0.6;

/** The clauses of a sentence (`，；：` split). */
function clauses(sentence: string): string[] {
  return sentence.split(/[,，;；:：]/u).filter((c) => c.trim() !== '');
}

/** The verdict of one sentence on the proposition, or null when it says too little of it. */
function sentenceVerdict(
  sentence: string,
  question: string,
  terms: ReadonlyArray<{ text: string; weight: number }>,
  unsaid: { words: readonly string[]; weight: number },
  total: number,
): YesNoVerdict | null {
  const said = terms.filter((t) => sentence.includes(t.text));
  // The question's words the index does not weigh (`零碳`) count as much as its heaviest, said or not.
  const alsoSaid = unsaid.words.filter((w) => sentence.includes(w)).length * unsaid.weight;
  const share = (said.reduce((s, t) => s + t.weight, 0) + alsoSaid) / total;
  if (share < NO_SHARE || said.length === 0) return null;
  const heaviest = [...terms].sort((a, b) => b.weight - a.weight)[0]!;
  // The clauses that say the asked terms: negation elsewhere in the sentence is about something else.
  // (A term's part, `产业` of `新兴产业`, does not make a clause about it: `产业链条有待延伸`.)
  const whole = said.filter((t) => !said.some((o) => o !== t && o.text.length > t.text.length && o.text.includes(t.text)));
  const holding = clauses(sentence).filter((c) => whole.some((t) => c.includes(t.text)));
  const text = holding.join('，');
  if (HEDGE.test(text)) return 'unsettled';
  // `存在这样的认识误区：“…”是经济发达地区的事情`: the view is set out to be rejected, a no.
  const rejected = REJECTED_VIEW.exec(sentence);
  if (rejected && sentence.indexOf(heaviest.text, rejected.index) > rejected.index) return 'no';
  const askedNegated = NEGATION.test(question.replace(FRAME_ASKING, ''));
  const negated = NEGATION.test(text);
  const opposite =
    OPPOSITES.some(([a, b]) => (askedDegree(question, a) && saidDegree(text, b) && !saidDegree(text, a)) || (askedDegree(question, b) && saidDegree(text, a) && !saidDegree(text, b))) ||
    WORD_OPPOSITES.some(([a, b]) => (question.includes(a) && text.includes(b) && !text.includes(a)) || (question.includes(b) && text.includes(a) && !text.includes(b))) ||
    (ASKS_DONE.test(question) && UNDER_WAY.test(text) && !ASKS_DONE.test(text));
  if (opposite) return 'no';
  // `有没有提到…？` asks whether it is said, not whether it holds: `…能力欠缺` mentions it. But
  // `X是不是说过P？` answered by X saying `不是P` is a no: X said the opposite.
  if (ASKS_MENTION.test(question)) {
    // (`有没有提到科技成果转化？` asks about a topic: `转化能力欠缺` mentions it, and is a yes.) A
    // negation the proposition itself does not hold (`不是…放弃` for `就得放弃…`; not `不足` for
    // `能力不足`) says the opposite of what is asked.
    const deniesIt = () => [...text.matchAll(NEGATIONS)].some((m) => !question.includes(m[0]));
    if (!askedNegated && SAYS_PROPOSITION.test(question) && text.includes(heaviest.text) && deniesIt()) return 'no';
    return share >= YES_SHARE && text.includes(heaviest.text) ? 'yes' : null;
  }
  // A question that itself negates (`是不是还不够？`) is judged only when the sentence says it so too.
  if (askedNegated) return negated && share >= YES_SHARE && text.includes(heaviest.text) ? 'yes' : 'unsettled';
  if (negated) return 'no';
  return share >= YES_SHARE && text.includes(heaviest.text) ? 'yes' : null;
}

/**
 * The verdict of an answer's citations on a yes/no question: read in the sentences of the people it
 * asks about (the experts it names or carries over), else of everyone cited. Sentences that disagree
 * settle nothing.
 */
export function judgeYesNo(article: Article, analysis: Pick<QuestionAnalysis, 'question' | 'query' | 'terms' | 'namedSpeakers' | 'carriedSpeakers'>, citations: readonly Citation[]): YesNoVerdict {
  return judgeYesNoBy(article, analysis, citations).verdict;
}

/** {@link judgeYesNo}, with the citations whose sentences gave the verdict (none when unsettled). */
export function judgeYesNoBy(
  article: Article,
  analysis: Pick<QuestionAnalysis, 'question' | 'query' | 'terms' | 'namedSpeakers' | 'carriedSpeakers'>,
  citations: readonly Citation[],
): { verdict: YesNoVerdict; by: Citation[] } {
  const asked = [...new Set([...analysis.namedSpeakers, ...analysis.carriedSpeakers])].filter((name) => article.speakers.some((s) => s.name === name && s.role !== 'editor'));
  const own = asked.length > 0 ? citations.filter((c) => asked.includes(c.speaker)) : citations.filter((c) => c.role !== 'unattributed');
  const names = new Set(article.speakers.map((s) => s.name));
  // What the whole article is about (its title's words: `青海`, `新质生产力`) goes without saying in
  // each sentence: `青海要建零碳产业园吗？` is answered by `打造零碳产业园` in a Qinghai article.
  const aboutAll = (word: string) => word.length >= 2 && inTitle(article, word);
  const terms = analysis.terms.terms.filter((t) => !names.has(t.text) && !FRAME_WORDS.test(t.text) && !aboutAll(t.text));
  if (terms.length === 0) return { verdict: 'unsettled', by: [] };
  const question = foldText(analysis.query).replace(/[?!。.\s]+$/u, '').replace(VIEW_PUT, '');
  // Words of the proposition the article never uses (`一流`, `后发优势`) are not said by any sentence:
  // each counts as much as its heaviest word. The frame (`有没有`, `强不强`, `吗`) is not a word of it.
  // Nor is a word that only describes what a demonstrative points at (`这种高大上的生产力`).
  const bare = question.replace(FRAME_ASKING, ' ').replace(/是否|[吗么呢了]/gu, ' ').replace(/(这种|这类|那种|那类|这样|那样)[^的,，\s]{1,4}的/gu, ' ').replace(NOT_ASKING, ' ');
  // The tokenizer glues a one-character verb to a noun now and then (`建零碳`): a word the article
  // never writes, whose rest without that character it does write, is that rest.
  const articleText = foldedArticle(article);
  const unglued = (w: string) => {
    // (`要设`: a modal glued to a one-character verb says nothing a sentence must.)
    if ([...w].length === 2 && /^[要会能应该得去来把被在]/u.test(w) && !articleText.includes(w)) return '';
    if ([...w].length < 3 || articleText.includes(w)) return w;
    const rest = [w.slice(1), w.slice(0, -1)].find((r) => articleText.includes(r));
    return rest ?? w;
  };
  const unsaid = queryWords(bare)
    .map(unglued)
    .filter((w) => [...w].length >= 2 && !names.has(w) && !FRAME_WORDS.test(w) && !aboutAll(w) && !terms.some((t) => t.text.includes(w) || w.includes(t.text)));
  const heaviest = Math.max(...terms.map((t) => t.weight));
  const total = terms.reduce((s, t) => s + t.weight, 0) + unsaid.length * heaviest;
  const verdicts = new Set<YesNoVerdict>();
  const by: Citation[] = [];
  for (const c of own) {
    const quote = foldText(c.quote);
    for (const s of splitSentences(quote)) {
      const verdict = sentenceVerdict(quote.slice(s.start, s.end), question, terms, { words: unsaid, weight: heaviest }, total);
      if (verdict) verdicts.add(verdict);
      if (verdict && !by.includes(c)) by.push(c);
    }
  }
  // Nothing cited settles it, but the asked people say the question's phrase the other way round
  // (`是不是把青海说成科技强省了？`, `我省作为经济小省、科技弱省`): a plain no, with that sentence.
  if (verdicts.size === 0) {
    const turned = oppositeSaid(article, question, asked);
    if (turned) return { verdict: 'no', by: [turned] };
  }
  if (verdicts.has('unsettled') || (verdicts.has('yes') && verdicts.has('no'))) return { verdict: 'unsettled', by: [] };
  const verdict = verdicts.has('yes') ? 'yes' : verdicts.has('no') ? 'no' : 'unsettled';
  return { verdict, by: verdict === 'unsettled' ? [] : by };
}

/** Fewest characters of a phrase read turned to its opposite: a bare `强省` is too many phrases' part. */
const TURNED_PHRASE = 4;
/** Characters a turned phrase reaches beyond its opposite word, either side. */
const TURNED_REACH = 3;

/**
 * The sentence that says a phrase of the question the article never writes with one of its words
 * turned to the opposite (`科技强省` asked, `科技弱省` said): by the people asked about (by anyone
 * attributed when it names no one), as a citation, or null. The phrase is at least four characters,
 * so a short word turned (`大省` → `小省`) is never read into another phrase (`经济小省`).
 */
function oppositeSaid(article: Article, question: string, asked: readonly string[]): Citation | null {
  const text = foldedArticle(article);
  let best: { said: string; length: number } | null = null;
  for (const [one, other] of [...OPPOSITES, ...WORD_OPPOSITES]) {
    for (const [from, to] of [[one, other], [other, one]] as const) {
      for (let at = question.indexOf(from); at >= 0; at = question.indexOf(from, at + 1)) {
        for (let start = Math.max(0, at - TURNED_REACH); start <= at; start++) {
          for (let end = at + from.length; end <= Math.min(question.length, at + from.length + TURNED_REACH); end++) {
            const phrase = question.slice(start, end);
            if (phrase.length < TURNED_PHRASE || !/^\p{Script=Han}+$/u.test(phrase) || text.includes(phrase)) continue;
            const said = phrase.slice(0, at - start) + to + phrase.slice(at - start + from.length);
            if (text.includes(said) && (!best || phrase.length > best.length)) best = { said, length: phrase.length };
          }
        }
      }
    }
  }
  if (!best) return null;
  for (const [i, p] of article.paragraphs.entries()) {
    if (p.role === 'unattributed' || p.role === 'editor' || (asked.length > 0 && !asked.includes(p.speaker))) continue;
    const folded = foldText(p.text);
    const at = folded.indexOf(best.said, p.labelEnd);
    if (at < 0 || folded.length !== p.text.length) continue;
    const sentence = splitSentences(p.text).find((s) => s.start <= at && at < s.end);
    const citation = sentence ? makeCitation(article, 1, i, Math.max(sentence.start, p.labelEnd), sentence.end) : null;
    if (citation && (asked.length === 0 || asked.includes(citation.speaker))) return citation;
  }
  return null;
}

/** Most bigrams a clause must share with the words it denies. */
const DENIAL_OVERLAP = 3;

/**
 * Whether a sentence says the opposite of some words (`发展新质生产力不是忽视、放弃传统产业` against
 * `发展新质生产力就得放弃传统产业`): a clause of it that shares at least three bigrams with the words
 * holds a negation the words do not (`不足` in `能力不足` is theirs, and denies nothing); never when
 * the words deny something themselves.
 */
export function deniesWords(sentence: string, words: string): boolean {
  const asked = foldText(words);
  // Words that deny something themselves (`不能放弃传统产业`) agree with a clause that denies it too
  // (`不是忽视、放弃传统产业`): two denials are not opposites.
  if (NEGATION.test(asked.replace(/不足|欠缺|缺乏/gu, ''))) return false;
  const grams = distinctBigrams(asked);
  return clauses(foldText(sentence)).some((clause) => {
    const shared = [...distinctBigrams(clause)].filter((g) => grams.has(g)).length;
    if (shared < DENIAL_OVERLAP || HEDGE.test(clause)) return false;
    return [...clause.matchAll(NEGATIONS)].some((m) => !asked.includes(m[0]));
  });
}
