import type { Article } from '../corpus/parse-article.js';
import { ROLE_WORDS } from '../corpus/role-words.js';
import type { SpeakerRole } from '../corpus/speakers.js';
import type { QuotationSpan } from './find-quotations.js';

/**
 * Reads from the words around a quotation whom a text credits it to: a name (`李娜表示：`), a role
 * (`主持人问道`, `编者按指出`), a title from the guest list (`省委党校的专家` → the guest whose title
 * has 省委党校), a pronoun (`她说` → the last person named before it) or a person the article
 * quotes (`习近平总书记强调`). Everything it knows comes from the parsed article, not from code.
 */

/** A person a text can credit words to. */
export interface Person {
  name: string;
  /** `quoted` for someone the article's speakers quote (习近平), not a speaker of the article. */
  role: SpeakerRole | 'quoted';
}

/** A place in the text that names a person. */
export interface PersonMention {
  person: Person;
  start: number;
  end: number;
}

/** Who a text credits a quotation to, and the words that do it. */
export interface Claim {
  person: Person;
  /** The words as written: `李娜`, `主持人`, `省委党校的专家`, `她`. */
  as: string;
  start: number;
  end: number;
  /** Everyone a joint attribution names (`李娜、刘畅两位专家都认为`), `person` among them; absent for one person. */
  group?: Person[];
  /** True when the text says the person did not say it (`马冠奎没有说过“……”`). */
  negated?: boolean;
  /**
   * How sure the reading is, 0–1, when it is not plain (a name with a speech verb or a colon at the
   * quotation, or a credit right after it, is plain and has none): a credit carried from a lead
   * sentence or heading, or the subject chosen over another person named before the quotation.
   */
  confidence?: number;
  /** Other people named before the quotation who are not the one credited (`和刘畅一样`, `回应主持人`). */
  alsoNamed?: Person[];
  /**
   * Who relays the words of `person` (`秦睿引用魏晓强的话说：“……”`: `person` 魏晓强, relayed by 秦睿): the
   * words are credited to `person`, and the relayer saying them while quoting `person` bears it out too.
   */
  relayedBy?: Person;
}

/** Nouns that, after a title's distinctive words, stand for a guest: `省委党校的专家`. */
const PERSON_NOUNS = /专家|学者|助理研究员|研究员|副教授|教授|讲师|副处长|处长|副主任|主任|博士|负责人|干部|老师/gu;
/** `这位专家`: the last named expert. */
const ANAPHORIC_NOUN = /(?:这位|该|那位|此位)(?:专家|学者|嘉宾|受访者)/gu;
/** `他`/`她` as a person, not inside `其他`, `他们`, `她们`, `他人`, `吉他`. */
const PRONOUN = /(?<![其吉利])[他她](?![们人])/gu;
/** Verbs that credit a quotation to the name beside them (`王中毅说`, `李娜表示`). */
const CREDITING_VERBS = '说|表示|指出|强调|认为|介绍|谈到|提到|坦言|问道|写道|补充|总结|解释|回答|称|道';
/** Verbs by which a lead sentence or heading announces what a person says next: `马冠奎谈了几点看法：`. */
const FRAMING = new RegExp(`^[^。！？!?；;\\n“”"「」『』（）()]{0,30}?(?:${CREDITING_VERBS}|谈|提出|建议|看来|看法|观点|主张|分析|阐述|提醒|呼吁|[:：])`, 'u');
/**
 * A person named after these is the object of the sentence, not who speaks: `引用了习近平总书记的话`,
 * `回应主持人`, `接过李娜的话头`.
 */
const OBJECT_BEFORE = /(?:引用|引述|援引|转述|转引|借用|回应|回答|针对|关于|请教|采访|赞同|同意|反驳|谈到|提到|谈及|问|接过|接着|顺着|沿着|呼应|附和|补充)了?\s*$/u;
/** Verbs whose object is asked and answers next: `问李娜`, `请教刘畅`. */
const ADDRESSEE_BEFORE = /(?:问|请教|采访|请)了?\s*$/u;
/** Verbs by which a speaker relays someone else's words: `引用习近平总书记的话说`, `援引刘畅的观点`. */
const RELAYING_BEFORE = /(?:引用|引述|援引|转述|转引|借用)了?\s*$/u;
/** A person compared with the speaker (`和刘畅一样`) is not who speaks either. */
const COMPARED_AFTER = /^\s*(?:一样|相同|相似|类似|似的|那样)/u;
/**
 * A person whose words or view are taken up as the object of the sentence (after `对`, `就`, `针对`…):
 * `魏晓强对马冠奎的说法表示赞同：“……”` is 魏晓强 speaking. A heading `【李娜的观点】` still credits 李娜.
 */
const POSSESSION_TAKEN_UP = /(?:对|就|把|将|给|向|对于|针对)\s*$/u;
const POSSESSED_AFTER = /^的(?:说法|观点|判断|看法|提法|分析|意见|主张|表述|发言|建议|论断|思路|话)/u;
/**
 * A comparison that opens its clause and closes it after the person's own words: `与刘畅关注生态不同，`,
 * `和李娜的看法一致，`, `跟魏晓强相比，`. The person named in it is not who speaks.
 */
const COMPARISON_OPENER = /(?:与|和|跟|同|像|相比于|较之)\s*$/u;
/** What stands before a clause: the text's start or a clause's end. */
const CLAUSE_START = /[，,。！？!?；;：:\n]\s*$/u;
const COMPARISON_CLOSER = /^[^，,。！？!?；;：:\n“”「」]{0,16}?(?:不同|不一样|一样|相同|相似|类似|一致|相比|相较|那样)\s*[，,]/u;
/** `——说这话的是……的魏晓强`, `——刘畅`: a dash after the closing mark, then the credit up to the line's end. */
const DASH_AFTER = /^\s*[—–―－]{1,2}|^[ \t]*-{1,2}(?=[^-])/u;
/** `（刘畅）`, `（青海省科学技术厅 马冠奎）` on the same line as the closing mark. */
const PARENTHESIS_AFTER = /^[ \t]*[（(]([^（()）\n]{1,40})[）)]/u;
/** The end of a dash credit. */
const CREDIT_END = /[\n。！？!?；;“「『"]/u;
/** A quotation whose own lead has a speaker the text does not name (`文章还说“……”`, `有人认为：“……”`) is not carried over. */
const UNNAMED_SPEAKER = new RegExp(`(?:${CREDITING_VERBS}|[:：])`, 'u');
/** How sure a credit carried from a lead that ends in a colon (`……几点看法：`) is, and one carried from other lead sentences. */
const GOVERNED_BY_COLON = 0.9;
const GOVERNED = 0.8;
/** How sure a credit carried from the subject of an earlier sentence of the paragraph (no speech verb) is. */
const SUBJECT_OF_SENTENCE = 0.7;
/** `谈到新兴产业，`, `说到人才，`: a topic the lead opens with, not a speech verb of someone unnamed. */
const TOPIC = /(?:谈到|说到|讲到|提到|谈及|说起|谈起)[^，,。；;：:]{1,16}[，,]/gu;
/** A blank line: a new paragraph. */
const PARAGRAPH_BREAK = /\n\s*\n/u;
/** The words before a sentence's subject: a unit and a post (`西宁经济技术开发区管委会副主任`, `省委深改办的`), no clause of their own. */
const SUBJECT_PREFIX = /^[\p{Script=Han}A-Za-z（）()·、]{0,24}$/u;
/** How sure the subject of the speech verb is when the nearest name before the quotation was someone else's. */
const SUBJECT_OVER_NEAREST = 0.85;
/**
 * Verbs that, right after a name following a quotation, credit it: `“……”，王中毅说`. The verb ends
 * its clause: `“……”\n魏晓强认为改革是关键` starts a sentence of its own.
 */
const TRAILING_VERB = new RegExp(`^[^。！？!?“”"「」『』\\n]{0,8}?(?:${CREDITING_VERBS})(?=[。，,；;！!？?\\s]|$)`, 'u');
/**
 * What may stand between the closing mark and a name that credits the quotation after it: nothing but
 * a comma, or the person's unit and post (`“……”，青海大学的任博士这样说`, `，省社科院研究员刘畅说`), not a
 * clause of its own nor a reply to it (`对此王中毅表示`).
 */
const TRAILING_UNIT = /^[\s,，、]*(?!对此|对于|随后|接着|此外|另外|同时|而|但)[\p{Script=Han}A-Za-z（）()·]{0,24}$/u;
/** `“……”，马冠奎的这一观点说明……`: the name's words named right after the quotation credit it. */
const TRAILING_WORDS_OF = /^(?:的|的?(?:这一|这个|这些|这番|这句|这段|上述|此|这种))(?:观点|看法|说法|话|论断|判断|论述|表述|主张|提法|见解|分析|观察)/u;
/** The words between a name and the opening mark that make the name the speaker: `表示：`. */
const ATTACHED_LEAD = new RegExp(`(?:${CREDITING_VERBS}|看来|[:：])[\\s,，:：]*$`, 'u');
/** A lead is the words between the previous sentence end (or quotation) and the opening mark. */
const LEAD_BOUNDARY = /[。！？!?；;\n”」』"]/u;
const MAX_LEAD = 60;
/** Characters between two quotations that make the second one go on from the first: `“A。”“B。”`. */
const CONTINUATION_GAP = /^[\s,，、]*$/u;
/** A sentence end between two quotations: after it, a quotation no longer goes on from the one before. */
const SENTENCE_END = /[。！？!?；;\n]/u;
/** What joins the names of a joint attribution: `李娜、刘畅`, `李娜和刘畅`. */
const NAME_JOINER = /^\s*(?:、|，|,|和|与|及|以及|同|跟)\s*$/u;
/** A denial between a name and the quotation: `没有说过`, `从未讲过`, `并没有提到`, `否认`. */
const DENIAL = new RegExp(`(?:没有|没|未曾|从未|从没|并未|并没有|不曾)[^，。,]{0,3}?(?:${CREDITING_VERBS}|讲|提)|否认`, 'u');
/** Forms of address that go with a surname whatever the title (`刘老师`). */
const ADDRESS_NOUNS = new Set(['专家', '学者', '老师', '博士']);

interface Alias {
  words: string;
  person: Person;
}

/** The people and the words that name them, built once per article. */
export class PeopleDirectory {
  readonly people: Person[];
  private readonly aliases: Alias[];
  /** Distinctive words of each guest's title (words no other guest's title has), longest first. */
  private readonly titleWords: Alias[];
  /** The guests with their titles (for `马处长`). */
  private readonly guests: Array<{ person: Person; title: string }>;

  constructor(article: Article) {
    const people: Person[] = [];
    const aliases: Alias[] = [];
    const add = (person: Person, ...words: string[]) => {
      people.push(person);
      for (const w of words) aliases.push({ words: w, person });
    };
    const titles: Array<{ person: Person; title: string }> = [];
    for (const speaker of article.speakers) {
      const person: Person = { name: speaker.name, role: speaker.role };
      if (speaker.role === 'editor') add(person, speaker.name, ...ROLE_WORDS.editor, '编辑部');
      else if (speaker.role === 'host') add(person, speaker.name, ...ROLE_WORDS.host, ...(speaker.title ? [speaker.title] : []));
      else {
        add(person, speaker.name);
        if (speaker.title) titles.push({ person, title: speaker.title });
      }
    }
    // Whom the article's speakers quote is the parser's finding, not a list kept here.
    const quoted = new Set(article.paragraphs.flatMap((p) => p.quotes.map((q) => q.person)));
    for (const name of quoted) if (!people.some((p) => p.name === name)) add({ name, role: 'quoted' }, name);
    this.people = people;
    this.guests = titles;
    this.aliases = aliases.sort((a, b) => b.words.length - a.words.length);
    this.titleWords = distinctiveTitleWords(titles);
  }

  /** The person of a name as the API reports speakers (`秦睿`, `编者`, `李娜`), or undefined. */
  byName(name: string): Person | undefined {
    return this.people.find((p) => p.name === name);
  }

  /**
   * Every mention of a person in the text outside the quotations, in text order. Pronouns and
   * `这位专家` are resolved to the last person (or expert) named before them.
   */
  mentions(text: string, quotations: readonly QuotationSpan[]): PersonMention[] {
    const found: PersonMention[] = [];
    for (const alias of this.aliases) {
      for (let at = text.indexOf(alias.words); at >= 0; at = text.indexOf(alias.words, at + alias.words.length)) {
        found.push({ person: alias.person, start: at, end: at + alias.words.length });
      }
    }
    for (const match of text.matchAll(PERSON_NOUNS)) {
      const end = match.index + match[0].length;
      const title = this.surnameAndPost(text, match.index, end) ?? this.titleBefore(text, match.index, end);
      if (title) found.push(title);
    }
    const pending: Array<{ start: number; end: number; kind: 'pronoun' | 'expert' }> = [];
    for (const match of text.matchAll(PRONOUN)) pending.push({ start: match.index, end: match.index + 1, kind: 'pronoun' });
    for (const match of text.matchAll(ANAPHORIC_NOUN)) pending.push({ start: match.index, end: match.index + match[0].length, kind: 'expert' });

    // Longest mention wins where two overlap (`编者按` over `编者`, `本报记者` over `记者`).
    found.sort((a, b) => a.start - b.start || b.end - a.end);
    const named: PersonMention[] = [];
    for (const m of found) {
      const last = named.at(-1);
      if (last && m.start < last.end) continue;
      if (!insideQuotation(m.start, quotations)) named.push(m);
    }
    pending.sort((a, b) => a.start - b.start);
    const out: PersonMention[] = [];
    let i = 0;
    let lastPerson: Person | null = null;
    let lastExpert: Person | null = null;
    for (const p of pending) {
      while (i < named.length && named[i]!.start < p.start) {
        const m = named[i++]!;
        out.push(m);
        // `她` goes back to the last person named as a subject, not to one named as an object or compared
        // with; one asked (`问李娜……。她说`) is who answers.
        if (isObject(text, m, 0) && !ADDRESSEE_BEFORE.test(text.slice(Math.max(0, m.start - 4), m.start))) continue;
        lastPerson = m.person;
        if (m.person.role === 'expert') lastExpert = m.person;
      }
      if (insideQuotation(p.start, quotations) || (out.at(-1) && p.start < out.at(-1)!.end)) continue;
      const person = p.kind === 'pronoun' ? lastPerson : lastExpert;
      if (person) out.push({ person, start: p.start, end: p.end });
    }
    out.push(...named.slice(i));
    return out;
  }

  /**
   * `马处长`, `魏处长`, `刘老师`: a surname and a post or a form of address, when one guest alone has
   * that surname and their title has the post (`处长` for a `副处长`: the deputy is addressed without `副`).
   */
  private surnameAndPost(text: string, nounStart: number, nounEnd: number): PersonMention | null {
    if (nounStart === 0) return null;
    const surname = text[nounStart - 1]!;
    const noun = text.slice(nounStart, nounEnd);
    const guests = this.guests.filter((g) => g.person.name.startsWith(surname));
    if (guests.length !== 1) return null;
    const [guest] = guests;
    if (!ADDRESS_NOUNS.has(noun) && !guest!.title.includes(noun)) return null;
    return { person: guest!.person, start: nounStart - 1, end: nounEnd };
  }

  /** `省委党校的专家`: the guest whose title has the words before the noun, when one alone has them. */
  private titleBefore(text: string, nounStart: number, nounEnd: number): PersonMention | null {
    let from = nounStart;
    // Back over the title's words, not past punctuation, at most 16 characters.
    while (from > 0 && nounStart - from < 16 && /[\p{Script=Han}A-Za-z]/u.test(text[from - 1]!)) from--;
    const phrase = text.slice(from, nounEnd);
    for (const word of this.titleWords) {
      const at = phrase.indexOf(word.words);
      if (at >= 0) return { person: word.person, start: from + at, end: nounEnd };
    }
    return null;
  }
}

function insideQuotation(at: number, quotations: readonly QuotationSpan[]): boolean {
  // Binary search: quotations are sorted and do not overlap.
  let lo = 0;
  let hi = quotations.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const q = quotations[mid]!;
    if (at < q.open) hi = mid - 1;
    else if (at > q.close) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Substrings (2 to 6 characters) of one guest's title that no other guest's title contains. */
function distinctiveTitleWords(titles: Array<{ person: Person; title: string }>): Alias[] {
  const words: Alias[] = [];
  for (const { person, title } of titles) {
    const own = new Set<string>();
    for (let n = 2; n <= 6; n++) {
      for (let i = 0; i + n <= title.length; i++) {
        const w = title.slice(i, i + n);
        if (!/^[\p{Script=Han}]+$/u.test(w)) continue;
        if (titles.some((t) => t.person !== person && t.title.includes(w))) continue;
        own.add(w);
      }
    }
    for (const w of own) words.push({ words: w, person });
  }
  return words.sort((a, b) => b.words.length - a.words.length);
}

/**
 * Whom the text credits each quotation to. Order of evidence:
 *
 * 1. a dash or parentheses right after the closing mark (`——说这话的是……的魏晓强`, `“……”（刘畅）`);
 * 2. a name with a speech verb or a colon just before the quotation (`李娜表示：“……”`); when two
 *    people are named, the subject of the speech verb, not an object (`引用了习近平总书记的话`,
 *    `回应主持人`, `和刘畅一样`), the other noted in `alsoNamed`;
 * 3. a name and a speech verb right after it (`“……”，王中毅说`, `“……”李娜表示`);
 * 4. the last person named in the words before it in the same sentence (`据刘畅介绍，“……”`);
 * 5. the quotation it continues in the same sentence (`李娜说：“A。”“B。”`);
 * 6. a lead sentence or heading that names someone with a speech verb or a colon (`马冠奎谈了几点看法：`,
 *    `【王中毅：……】`, `刘畅认为……。`), over the list or sentences after it until another person is
 *    named, across line breaks (with a `confidence`);
 * else no one. A quotation over several paragraphs has one credit for all of them.
 */
export function readClaims(text: string, quotations: readonly QuotationSpan[], mentions: readonly PersonMention[]): Array<Claim | null> {
  const claims: Array<Claim | null> = [];
  /** Text before this offset was a credit after an earlier quotation: never a lead for the next one. */
  let consumed = 0;
  for (let q = 0; q < quotations.length; q++) {
    const first = quotations[q]!;
    if (first.paragraph && first.paragraph.index > 0) {
      claims.push(claims[q - 1] ?? null);
      continue;
    }
    // A quotation over several paragraphs is read as one, from its first opening mark to its closing mark.
    const last = first.paragraph ? quotations[q + first.paragraph.count - 1] ?? first : first;
    const quotation = { open: first.open, close: last.close };
    const read = readClaim(text, quotation, mentions, consumed, quotations[q - 1], claims[q - 1] ?? null);
    if (read.consumedTo !== undefined) consumed = read.consumedTo;
    claims.push(read.claim);
  }
  return claims;
}

function readClaim(
  text: string,
  quotation: { open: number; close: number },
  mentions: readonly PersonMention[],
  consumed: number,
  previous: QuotationSpan | undefined,
  previousClaim: Claim | null,
): { claim: Claim | null; consumedTo?: number } {
  // Lead: back from the opening mark (over white space) to a sentence end or an earlier quotation.
  let leadEnd = quotation.open;
  while (leadEnd > 0 && /\s/u.test(text[leadEnd - 1]!)) leadEnd--;
  let leadStart = leadEnd;
  while (leadStart > consumed && leadEnd - leadStart < MAX_LEAD && !LEAD_BOUNDARY.test(text[leadStart - 1]!)) leadStart--;
  const before = mentionsBetween(mentions, Math.max(leadStart, consumed), quotation.open);
  const after = creditAfter(text, quotation.close, mentions);

  // 1. A dash or parentheses after the closing mark belong to this quotation alone.
  if (after?.kind === 'mark') return { claim: claimOf(text, after.mention), consumedTo: after.end };

  // 2. The lead: the subject nearest the quotation, not a person named as an object.
  const subjects = before.filter((m) => !isObject(text, m, leadStart));
  const lead = subjects.at(-1) ?? before.at(-1) ?? null;
  const strongLead = lead && ATTACHED_LEAD.test(text.slice(lead.end, quotation.open)) ? lead : null;
  if (strongLead) return { claim: leadClaim(text, strongLead, before, quotation) };
  // 3. A name and a speech verb after the closing mark.
  if (after) return { claim: claimOf(text, after.mention), consumedTo: after.end };
  // 4. Anyone named before it in the sentence.
  if (lead) return { claim: leadClaim(text, lead, before, quotation) };

  // 5. `他说，青海的优势“……”，并且“……”`: in the same sentence, the second goes on from the first.
  const gap = previous ? text.slice(previous.close + 1, quotation.open) : '';
  if (previous && previousClaim && (CONTINUATION_GAP.test(gap) || !SENTENCE_END.test(gap))) {
    // On the next line (`刘畅：“……”\n“……”`) it may be a new speaker's: carried, but unsure.
    if (!gap.includes('\n')) return { claim: previousClaim };
    return { claim: { ...previousClaim, confidence: Math.min(previousClaim.confidence ?? 1, GOVERNED) } };
  }

  // 6. A lead sentence or heading before it, unless its own lead has a speaker the text does not name
  //    (a topic, `谈到新兴产业，`, is not a speaker).
  if (UNNAMED_SPEAKER.test(text.slice(leadStart, leadEnd).replace(TOPIC, ''))) return { claim: null };
  const named = lastMentionBefore(mentions, leadStart);
  if (!named || named.start < consumed || isObject(text, named, 0)) return { claim: null };
  if (!FRAMING.test(text.slice(named.end, named.end + 40))) {
    // `开发区的王中毅把话题引向了产业。“……”`: the subject of a sentence of the same paragraph, unsure.
    return { claim: isSentenceSubject(text, named, mentions) && !PARAGRAPH_BREAK.test(text.slice(named.end, quotation.open)) ? { ...claimOf(text, named), confidence: SUBJECT_OF_SENTENCE } : null };
  }
  // `……几点看法：` announces what follows; a lead sentence that ends otherwise is less sure.
  const clauseEnd = text.slice(named.end).search(/[。！？!?；;\n]/u);
  const clause = text.slice(named.end, clauseEnd < 0 ? text.length : named.end + clauseEnd);
  const colon = /[:：]\s*$/u.test(clause);
  return { claim: { ...claimOf(text, named), confidence: colon ? GOVERNED_BY_COLON : GOVERNED } };
}

/**
 * True when a mention is the subject its sentence opens with: nothing before it in the sentence but
 * the person's unit and post, no one else named before it there, and not a possessive (`王中毅的`).
 */
function isSentenceSubject(text: string, mention: PersonMention, mentions: readonly PersonMention[]): boolean {
  let start = mention.start;
  while (start > 0 && !/[。！？!?；;\n”」』]/u.test(text[start - 1]!)) start--;
  const earlier = mentionsBetween(mentions, start, mention.start);
  if (earlier.some((m) => m.person !== mention.person)) return false;
  // `西宁经济技术开发区管委会副主任王中毅`: the post names the same person.
  const prefixFrom = earlier[0]?.start ?? mention.start;
  return SUBJECT_PREFIX.test(text.slice(start, prefixFrom).trim() + text.slice(earlier.at(-1)?.end ?? prefixFrom, mention.start).trim()) && !/^[的之]/u.test(text.slice(mention.end, mention.end + 1));
}

function claimOf(text: string, mention: PersonMention): Claim {
  return { person: mention.person, as: text.slice(mention.start, mention.end), start: mention.start, end: mention.end };
}

/** The credit of a lead: a joint attribution, a denial, and the other people named before the quotation. */
function leadClaim(text: string, chosen: PersonMention, before: readonly PersonMention[], quotation: { open: number }): Claim {
  // `秦睿引用魏晓强的话说：`: the words are credited to the one whose words are relayed.
  const source = before.find((m) => m.start >= chosen.end && m.person !== chosen.person && RELAYING_BEFORE.test(text.slice(Math.max(chosen.end, m.start - 6), m.start)));
  if (source) {
    const claim: Claim = { ...claimOf(text, source), relayedBy: chosen.person };
    const others = [...new Map(before.filter((m) => m.person !== source.person).map((m) => [m.person.name, m.person])).values()];
    if (others.length > 0) claim.alsoNamed = others;
    if (DENIAL.test(text.slice(source.end, quotation.open))) claim.negated = true;
    return claim;
  }
  const claim = claimOf(text, chosen);
  // `李娜、刘畅两位专家都认为`: the names joined before the one chosen.
  const group = [chosen];
  for (let i = before.indexOf(chosen) - 1; i >= 0 && before[i]!.end <= group[0]!.start; i--) {
    if (!NAME_JOINER.test(text.slice(before[i]!.end, group[0]!.start))) break;
    group.unshift(before[i]!);
  }
  const people = [...new Map(group.map((g) => [g.person.name, g.person])).values()];
  if (people.length > 1) {
    claim.group = people;
    claim.as = text.slice(group[0]!.start, chosen.end);
    claim.start = group[0]!.start;
  }
  if (DENIAL.test(text.slice(chosen.end, quotation.open))) claim.negated = true;
  const others = [...new Map(before.filter((m) => !people.includes(m.person)).map((m) => [m.person.name, m.person])).values()];
  if (others.length > 0) {
    claim.alsoNamed = others;
    if (before.at(-1)!.person !== chosen.person) claim.confidence = SUBJECT_OVER_NEAREST;
  }
  return claim;
}

/**
 * A person named as an object (`引用了习近平总书记的话`, `回应主持人`, `接过李娜的话头`), whose words are
 * the object (`对马冠奎的说法表示赞同`) or compared with (`和刘畅一样`, `与刘畅关注生态不同，`).
 */
export function isObject(text: string, mention: { start: number; end: number }, from: number): boolean {
  const before = text.slice(Math.max(from, mention.start - 6), mention.start);
  const after = text.slice(mention.end, mention.end + 4);
  if (OBJECT_BEFORE.test(before) || COMPARED_AFTER.test(after)) return true;
  if (POSSESSED_AFTER.test(after) && POSSESSION_TAKEN_UP.test(before)) return true;
  const opener = COMPARISON_OPENER.exec(text.slice(Math.max(from, mention.start - 5), mention.start));
  if (!opener) return false;
  const openerAt = mention.start - opener[0].length;
  const atClauseStart = openerAt <= from || CLAUSE_START.test(text.slice(Math.max(from, openerAt - 3), openerAt));
  return atClauseStart && COMPARISON_CLOSER.test(text.slice(mention.end, mention.end + 24));
}

/** A credit after the closing mark: a dash or parentheses (`mark`), or a name and a speech verb at once (`verb`). */
function creditAfter(text: string, close: number, mentions: readonly PersonMention[]): { mention: PersonMention; end: number; kind: 'mark' | 'verb' } | null {
  const from = close + 1;
  const rest = text.slice(from, from + 80);
  const dash = DASH_AFTER.exec(rest);
  if (dash) {
    const stop = rest.slice(dash[0].length).search(CREDIT_END);
    const end = from + dash[0].length + (stop < 0 ? rest.length - dash[0].length : stop);
    const mention = mentionsBetween(mentions, from, end).at(-1);
    if (mention) return { mention, end, kind: 'mark' };
  }
  const parenthesis = PARENTHESIS_AFTER.exec(rest);
  if (parenthesis) {
    const end = from + parenthesis[0].length;
    const mention = mentionsBetween(mentions, from, end).at(-1);
    if (mention) return { mention, end, kind: 'mark' };
  }
  const next = mentionsBetween(mentions, from, from + 80)[0];
  if (!next || !TRAILING_UNIT.test(text.slice(from, next.start))) return null;
  const words = text.slice(next.end, next.end + 12);
  if (TRAILING_VERB.test(words) || TRAILING_WORDS_OF.test(words)) return { mention: next, end: next.end, kind: 'verb' };
  return null;
}

/** The mentions that start in `[from, to)`, in order. */
function mentionsBetween(mentions: readonly PersonMention[], from: number, to: number): PersonMention[] {
  let lo = 0;
  let hi = mentions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (mentions[mid]!.start < from) lo = mid + 1;
    else hi = mid;
  }
  const out: PersonMention[] = [];
  for (let i = lo; i < mentions.length && mentions[i]!.start < to; i++) out.push(mentions[i]!);
  return out;
}

/** The last mention that starts before `to`. */
function lastMentionBefore(mentions: readonly PersonMention[], to: number): PersonMention | null {
  let lo = 0;
  let hi = mentions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (mentions[mid]!.start < to) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? mentions[lo - 1]! : null;
}
