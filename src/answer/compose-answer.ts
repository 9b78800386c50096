import { foldText, hanCount } from '../corpus/normalize-text.js';
import { honorificOf, type Article } from '../corpus/parse-article.js';
import { parallelOpenings, pointMarkers } from '../corpus/enumerated-points.js';
import type { GreetingReply } from '../retrieval/question-intent.js';
import { inTitle } from './article-text.js';
import { quotedPeople } from './quoted-people.js';
import { answerTemplates, templatesOf } from './answer-templates.js';
import { genreWords } from './genre-words.js';
import { leftOut, narratesReportedWords, type Citation } from './citations.js';

/**
 * Phrasing: the built-in answerer's text around its citations, one line a speaker, every quote
 * verbatim and every `[n]` with its citation; the greeting and the "not covered" answer.
 */

/** How a speaker is introduced in an answer line. */
export function speakerLabel(c: Pick<Citation, 'speaker' | 'role' | 'title'>, article?: Pick<Article, 'genre' | 'interviewees'>): string {
  return (article ? templatesOf(article) : answerTemplates).speakerLabel(c);
}

/** The quoted person of a citation as the article calls them (`习近平总书记`), or null. */
function quotedAs(article: Article, c: Citation): string | null {
  return c.quoting ? `${c.quoting}${honorificOf(article, c.quoting) ?? ''}` : null;
}

function verbFor(article: Article, c: Citation, first: boolean): string {
  const narrates = narratesReportedWords(article, article.paragraphs[c.paragraph]!, c.start, c.end);
  return answerTemplates.speechVerb(c.role, quotedAs(article, c), first, narrates);
}

/** What an answer of one line a speaker says besides its quotes. */
export interface ComposeLinesOptions {
  /**
   * The experts the question names (`李娜和刘畅的说法有什么不同？`): each is answered for, or said to
   * be silent on it; with two or more, the answer is a comparison that first names the key terms
   * they all say.
   */
  namedExperts?: string[];
  /** The question's key terms, most telling first: those every compared expert's quotes contain are named. */
  terms?: string[];
  /** The question as searched: a shared term is named with as much of the question's words around it as all say. */
  query?: string;
  /** The line above the quotes, in place of the one composed here (the `related` answer's first sentence). */
  intro?: string;
}

/** The quote of a citation after its verb: the display form, `……` where its sentence goes on. */
function quotedPart(article: Article, c: Citation, verb: string): string {
  return answerTemplates.quoted(verb, c.displayQuote, c.n, leftOut(article.paragraphs[c.paragraph]!, c.start, c.end));
}

/**
 * One line a speaker: `刘畅（…）认为：“……”[1]，并指出：“……”[2]`. Several speakers get an intro
 * counting the experts cited (or, for a comparison, the key terms they share) and one line each; a
 * named expert with no quote is said to be silent on the question.
 */
export function composeLines(article: Article, citations: Citation[], options: ComposeLinesOptions = {}): string {
  const { namedExperts = [], terms = [], query = '', intro: givenIntro } = options;
  const bySpeaker = new Map<string, Citation[]>();
  for (const c of citations) bySpeaker.set(c.speaker, [...(bySpeaker.get(c.speaker) ?? []), c]);
  const lines = [...bySpeaker.values()].map((own) => {
    const sorted = [...own].sort((a, b) => a.paragraph - b.paragraph || a.start - b.start);
    const parts = sorted.map((c, i) => quotedPart(article, c, verbFor(article, c, i === 0)));
    return `${speakerLabel(sorted[0]!, article)}${parts.join('；')}`;
  });
  const t = templatesOf(article);
  const silent = namedExperts.filter((name) => !bySpeaker.has(name)).map((name) => t.silentOn(name));
  const compared = namedExperts.filter((name) => bySpeaker.has(name));
  if (givenIntro !== undefined) return [givenIntro, ...(lines.length === 1 ? lines : lines.map((l) => `- ${l}`)), ...silent].join('\n');
  if (lines.length === 1) return [lines[0]!, ...silent].join('\n');
  let intro: string;
  let agreeing: ReturnType<typeof agreementOf> = null;
  if (compared.length >= 2) {
    // What they share, less what goes without saying (the article's own subject: `青海`). With
    // nothing else shared, or asked how they differ, their words follow without a claim about them.
    const allShared = sharedTerms(compared.map((name) => bySpeaker.get(name)!), terms, query);
    const shared = allShared.filter((term) => !inTitle(article, term));
    // One thing said by all in nearly the same words is their agreement, said first; asked whether
    // they agree and sharing only words, they each say it their own way.
    agreeing = agreementOf(compared.map((name) => bySpeaker.get(name)!));
    intro = agreeing
      ? t.agree(agreeing)
      : shared.length > 0
        ? ASKS_WHETHER_SAME.test(foldText(query))
          ? t.allMentionEachOwn(compared.length, shared)
          : t.allMention(compared.length, shared)
        : allShared.length > 0 || ASKS_DIFFERENCE.test(foldText(query))
          ? t.eachSays(compared.length)
          : t.nothingShared(compared.length);
  } else {
    // (`文章中有 2 位嘉宾谈到这一点：` only when every line is a guest's: a host or a quoted person among
    // them is no guest, and the count would not match the lines.)
    const experts = [...bySpeaker.values()].filter((own) => own[0]!.role === 'expert').length;
    intro = t.manySpeakersIntro(experts === bySpeaker.size ? experts : 0);
  }
  const emphases = compared.length >= 2 && !agreeing && ASKS_HOW_THEY_COMPARE.test(foldText(query)) ? emphasesOf(compared.map((name) => bySpeaker.get(name)!), terms.filter((term) => !inTitle(article, term))) : [];
  return [intro, ...lines.map((l) => `- ${l}`), ...silent, ...(emphases.length >= 2 && emphases.length === compared.length ? [t.emphases(emphases)] : [])].join('\n');
}

/** A comparison asking how they compare (`有什么不同`, `有区别吗`, `能对比一下吗`), not only what each says. */
const ASKS_HOW_THEY_COMPARE = /不同|不一样|区别|差别|差异|异同|侧重|对比|比较|一致|一样|相同/u;

/** Asking whether they agree (`一致吗`, `一样吗`, `是否相同`), not what they share (`有什么相同的地方`). */
const ASKS_WHETHER_SAME = /(?:一致|一样|相同|相近|相似)(?:吗|么|不|呢|[?？]|$)|(?:是否|是不是)(?:一致|一样|相同|相近)/u;

/** The clauses of a quote as displayed (split at any mark of a pause), trimmed. */
function displayClauses(c: Citation): string[] {
  return c.displayQuote.split(/[,，;；。！？!?:：]/u).map((clause) => clause.trim());
}

/** Fewest Han characters of a clause that states an agreement. */
const MIN_AGREEMENT = 8;
/** Share of their character pairs two clauses must have in common to say one thing. */
const AGREEMENT_OVERLAP = 0.7;

/**
 * A clause of each compared speaker's quotes that says one thing in nearly the same words as the
 * others' (`新质生产力本身就是绿色生产力` / `新质生产力本身是绿色生产力`: character pairs in common
 * over all of theirs at least 0.7, eight Han characters or more), verbatim as displayed; null when
 * some speaker has none.
 */
function agreementOf(speakers: Citation[][]): Array<{ speaker: string; clause: string; n: number }> | null {
  const clausesOf = (own: Citation[]) =>
    own.flatMap((c) =>
      displayClauses(c)
        .filter((clause) => hanCount(clause) >= MIN_AGREEMENT)
        .map((clause) => ({ speaker: c.speaker, clause, n: c.n, pairs: hanBigrams(foldText(clause)) })),
    );
  const [first, ...rest] = speakers.map(clausesOf);
  const overlap = (a: Set<string>, b: Set<string>) => [...a].filter((x) => b.has(x)).length / new Set([...a, ...b]).size;
  for (const mine of first ?? []) {
    const others = rest.map((theirs) => theirs.find((t) => overlap(mine.pairs, t.pairs) >= AGREEMENT_OVERLAP));
    if (others.every((o) => o !== undefined)) return [mine, ...others].map(({ speaker, clause, n }) => ({ speaker, clause, n }));
  }
  return null;
}

/** Clauses shorter than this say too little to stand for what someone stresses. */
const MIN_EMPHASIS = 6;
/** A clause of this many characters or more says enough to stand for what someone stresses. */
const FULL_EMPHASIS = 20;
/** Clauses longer than this are cut no further: the line names, it does not quote at length. */
const MAX_EMPHASIS = 40;

/** How a clause that continues the one before it opens. */
const LEANS_BACK = /^(?:且|而且|并且|并|而|但|但是|由于|因此|所以|从而|进而|同时|以及|以|使|这)/u;

/** The Han character pairs of a text. */
function hanBigrams(text: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 1 < text.length; i++) if (/\p{Script=Han}{2}/u.test(text.slice(i, i + 2))) out.add(text.slice(i, i + 2));
  return out;
}

/**
 * What each compared speaker stresses: one clause of their quotes (verbatim, as displayed), the one
 * that speaks most to the question's terms and says most that the others' quotes do not (by share
 * of its character pairs none of them has); none for a speaker with no clause of a readable length.
 */
function emphasesOf(speakers: Citation[][], terms: string[]): Array<{ speaker: string; clause: string; n: number }> {
  const folded = speakers.map((own) => hanBigrams(foldText(own.map((c) => c.quote).join(''))));
  const out: Array<{ speaker: string; clause: string; n: number }> = [];
  speakers.forEach((own, i) => {
    const others = folded.filter((_, j) => j !== i);
    let best: { clause: string; n: number; score: number } | null = null;
    for (const c of own) {
      for (const clause of displayClauses(c)) {
        const length = [...clause].length;
        // (Not a clause that opens or closes a quotation inside the quote without the other mark.)
        if (length < MIN_EMPHASIS || length > MAX_EMPHASIS || (clause.match(/‘/gu)?.length ?? 0) !== (clause.match(/’/gu)?.length ?? 0)) continue;
        // (Not a clause that leans on the one before it: `且由于…`, `从而…`.)
        if (LEANS_BACK.test(clause)) continue;
        const pairs = hanBigrams(foldText(clause));
        if (pairs.size === 0) continue;
        const own = [...pairs].filter((b) => others.every((o) => !o.has(b))).length / pairs.size;
        const topic = terms.filter((t) => foldText(clause).includes(foldText(t))).length;
        // (A short clause says little: its share counts in full from FULL_EMPHASIS characters on.)
        const score = topic + own * Math.min(1, length / FULL_EMPHASIS);
        if (!best || score > best.score + 1e-9) best = { clause, n: c.n, score };
      }
    }
    if (best) out.push({ speaker: own[0]!.speaker, clause: best.clause, n: best.n });
  });
  return out;
}

/** A comparison asking how they differ (`有什么不同`, `区别`, `各自`), not whether they agree. */
const ASKS_DIFFERENCE = /不同|区别|差别|差异|各自|分别|侧重/u;

/**
 * The key terms (at most three) that every speaker's quotes contain, each widened to the longest
 * stretch of the question around it that they all contain too (`重点产业链高质量发展行动`, not
 * `产业`), most telling first.
 */
const WORD_CHAR = /[\p{Script=Han}0-9A-Za-z]/u;

function sharedTerms(speakers: Citation[][], terms: string[], query: string): string[] {
  const said = speakers.map((own) => foldText(own.map((c) => c.quote).join('')));
  const allSay = (text: string) => said.every((s) => s.includes(text));
  const asked = foldText(query);
  const shared: string[] = [];
  for (const term of terms.map(foldText)) {
    if (shared.some((t) => t.includes(term)) || !allSay(term)) continue;
    let phrase = term;
    const at = asked.indexOf(term);
    if (at >= 0) {
      let start = at;
      let end = at + term.length;
      while (start > 0 && WORD_CHAR.test(asked[start - 1]!) && allSay(asked.slice(start - 1, end))) start--;
      while (end < asked.length && WORD_CHAR.test(asked[end]!) && allSay(asked.slice(start, end + 1))) end++;
      phrase = asked.slice(start, end);
    }
    for (let i = shared.length - 1; i >= 0; i--) if (phrase.includes(shared[i]!)) shared.splice(i, 1);
    if (!shared.includes(phrase)) shared.push(phrase);
    if (shared.length === 3) break;
  }
  return shared;
}

/**
 * A list answer: the speaker's opening, then one point a line. When the opening is itself the first
 * item (`传统产业转型升级方面，…` before `新兴产业发展壮大方面，…`), every item is a line, so that
 * `第一个方面` points at it.
 */
export function composeList(article: Article, citations: Citation[]): string {
  const [head, ...points] = citations;
  if (!head) return '';
  const items = points.map((c) => c.quote);
  // Points numbered from one (`一是…`, `二是…`) after a lead that is not one of them (`另一方面要…`).
  const numberedFromOne = points.length >= 2 && points.every((c, i) => pointMarkers(c.quote).some((m) => m.at === 0 && m.ordinal === i + 1));
  if (!numberedFromOne && items.length >= 2 && parallelOpenings([head.quote, ...items])) {
    return [
      answerTemplates.listOf(speakerLabel(head, article), citations.length),
      ...citations.map((c) => answerTemplates.listPoint(c.displayQuote, c.n, leftOut(article.paragraphs[c.paragraph]!, c.start, c.end))),
    ].join('\n');
  }
  // `马冠奎说了几点？`: when every item opens with its number (`一要`, `二是`), say how many there are.
  const numbered = points.length >= 2 && points.every((c) => pointMarkers(c.quote).some((m) => m.at === 0));
  return [
    `${speakerLabel(head, article)}${quotedPart(article, head, verbFor(article, head, true))}`,
    ...(numbered ? [answerTemplates.pointCount(points.length)] : []),
    ...points.map((c) => answerTemplates.listPoint(c.displayQuote, c.n, leftOut(article.paragraphs[c.paragraph]!, c.start, c.end))),
  ].join('\n');
}

/** What the bot says to a greeting: hello and what it can do, or the reply its kind asks for. */
export function answerGreeting(article: Article, reply: GreetingReply = 'hello'): string {
  const t = templatesOf(article);
  switch (reply) {
    case 'thanks':
      return t.thanks;
    case 'goodbye':
      return t.goodbye;
    case 'acknowledged':
      return t.acknowledged;
    case 'other-language':
      // The article and its index are Chinese.
      return t.chineseOnly(suggestions(article));
    case 'hello':
      return t.greeting(article.title, sourcePeople(article), suggestions(article));
  }
}

/**
 * The people the greeting names as the sources of the article's sentences: the guests (an
 * interview's experts, in the article's order), or the people a report quotes.
 */
function sourcePeople(article: Article): string[] {
  if (genreWords(article).guestsAre === 'quoted') return quotedPeople(article).map((q) => q.name);
  return article.speakers.filter((s) => s.role === 'expert').map((s) => s.name);
}

/** What the bot says when the article does not answer a question. */
export function answerNotCovered(article: Article): string {
  return templatesOf(article).notCovered(suggestions(article));
}

/** How many questions the greeting suggests. */
const SUGGESTIONS = 3;
/**
 * Example questions from what the article has: its own section headings (the column's round table
 * has four, and three are suggested); then, for an article with fewer, what its people say (a
 * report's quoted people, a one-person interview's interviewee), the host's questions when it asks
 * any, what a report is about when it quotes no one, and a question about its people in its genre's
 * words (`有哪些嘉宾？`, `受访者是谁？`, `作者是谁？`).
 */
export function suggestions(article: Article): string[] {
  const headings = article.sections.slice(0, SUGGESTIONS).map((s) => s.name.replace(/,/gu, '，').replace(/\?$/u, '？'));
  if (headings.length >= SUGGESTIONS) return headings;
  const words = genreWords(article);
  const quoted = words.guestsAre === 'quoted' ? quotedPeople(article).filter((q) => q.by === null) : [];
  const all = [
    ...headings,
    ...quoted.slice(0, 2).map((q) => `${q.name}说了什么？`),
    ...(words.guestsAre === 'interviewees' && article.interviewees.length === 1 ? [`${article.interviewees[0]}有哪些观点？`] : []),
    ...(article.paragraphs.some((p) => p.kind === 'host-question') ? [`${words.host}问了哪些问题？`] : []),
    ...(words.guestsAre === 'quoted' && quoted.length === 0 ? [`${words.the}讲了什么？`] : []),
    words.peopleQuestion,
  ];
  return [...new Set(all)].slice(0, SUGGESTIONS);
}
