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
}

/** Nouns that, after a title's distinctive words, stand for a guest: `省委党校的专家`. */
const PERSON_NOUNS = /专家|学者|助理研究员|研究员|副教授|教授|讲师|副处长|处长|副主任|主任|博士|负责人|干部|老师/gu;
/** `这位专家`: the last named expert. */
const ANAPHORIC_NOUN = /(?:这位|该|那位|此位)(?:专家|学者|嘉宾|受访者)/gu;
/** `他`/`她` as a person, not inside `其他`, `他们`, `她们`, `他人`, `吉他`. */
const PRONOUN = /(?<![其吉利])[他她](?![们人])/gu;
/** Verbs that credit a quotation to the name beside them (`王中毅说`, `李娜表示`). */
const CREDITING_VERBS = '说|表示|指出|强调|认为|介绍|谈到|提到|坦言|问道|写道|补充|总结|解释|回答|称|道';
/** Verbs that, right after a name following a quotation, credit it: `“……”，王中毅说`. */
const TRAILING_VERB = new RegExp(`^[^。！？!?“”"「」『』\\n]{0,8}?(?:${CREDITING_VERBS})`, 'u');
/** The words between a name and the opening mark that make the name the speaker: `表示：`. */
const ATTACHED_LEAD = new RegExp(`(?:${CREDITING_VERBS}|看来|[:：])[\\s,，:：]*$`, 'u');
/** A lead is the words between the previous sentence end (or quotation) and the opening mark. */
const LEAD_BOUNDARY = /[。！？!?；;\n”」』"]/u;
const MAX_LEAD = 60;
/** Characters between two quotations that make the second one go on from the first: `“A。”“B。”`. */
const CONTINUATION_GAP = /^[\s,，、]*$/u;

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
      const title = this.titleBefore(text, match.index, match.index + match[0].length);
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
 * Whom the text credits each quotation to. Order of evidence: a name with a speech verb or a colon
 * just before the quotation (`李娜表示：“……”`); else a name and a speech verb right after it
 * (`“……”，王中毅说`); else the last person named in the words before it in the same sentence
 * (`据刘畅介绍，“……”`); else the quotation it continues (`李娜说：“A。”“B。”`); else no one.
 */
export function readClaims(text: string, quotations: readonly QuotationSpan[], mentions: readonly PersonMention[]): Array<Claim | null> {
  const claims: Array<Claim | null> = [];
  let m = 0;
  for (let q = 0; q < quotations.length; q++) {
    const quotation = quotations[q]!;
    // Lead: back from the opening mark (over white space) to a sentence end or an earlier quotation.
    let leadEnd = quotation.open;
    while (leadEnd > 0 && /\s/u.test(text[leadEnd - 1]!)) leadEnd--;
    let leadStart = leadEnd;
    while (leadStart > 0 && leadEnd - leadStart < MAX_LEAD && !LEAD_BOUNDARY.test(text[leadStart - 1]!)) leadStart--;
    while (m < mentions.length && mentions[m]!.start < leadStart) m++;
    let lead: PersonMention | null = null;
    let k = m;
    for (; k < mentions.length && mentions[k]!.start < quotation.open; k++) lead = mentions[k]!;
    // Tail: the first mention after the closing mark, if it comes at once and a speech verb follows.
    let tail: PersonMention | null = null;
    const next = mentions[k];
    if (next && next.start > quotation.close && /^[\s,，、]*$/u.test(text.slice(quotation.close + 1, next.start))) {
      if (TRAILING_VERB.test(text.slice(next.end, next.end + 12))) tail = next;
    }
    // `李娜表示：“……”` binds closer than a name after the quotation, which may open the next one.
    const strongLead = lead && ATTACHED_LEAD.test(text.slice(lead.end, quotation.open)) ? lead : null;
    const chosen = strongLead ?? tail ?? lead;
    if (chosen) {
      claims.push({ person: chosen.person, as: text.slice(chosen.start, chosen.end), start: chosen.start, end: chosen.end });
      continue;
    }
    const previous = quotations[q - 1];
    const previousClaim = claims[q - 1];
    if (previous && previousClaim && CONTINUATION_GAP.test(text.slice(previous.close + 1, quotation.open))) {
      claims.push(previousClaim);
      continue;
    }
    claims.push(null);
  }
  return claims;
}
