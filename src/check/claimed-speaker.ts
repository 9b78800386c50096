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
      const claim: Claim = { person: chosen.person, as: text.slice(chosen.start, chosen.end), start: chosen.start, end: chosen.end };
      if (chosen !== tail) {
        // `李娜、刘畅两位专家都认为`: the names joined before the one nearest the quotation.
        const group = [chosen];
        for (let i = k - 2; i >= m && mentions[i]!.end <= group[0]!.start; i--) {
          if (!NAME_JOINER.test(text.slice(mentions[i]!.end, group[0]!.start))) break;
          group.unshift(mentions[i]!);
        }
        const people = [...new Map(group.map((g) => [g.person.name, g.person])).values()];
        if (people.length > 1) {
          claim.group = people;
          claim.as = text.slice(group[0]!.start, chosen.end);
          claim.start = group[0]!.start;
        }
        if (DENIAL.test(text.slice(chosen.end, quotation.open))) claim.negated = true;
      }
      claims.push(claim);
      continue;
    }
    const previous = quotations[q - 1];
    const previousClaim = claims[q - 1];
    // `他说，青海的优势“……”，并且“……”`: in the same sentence, the second goes on from the first.
    const gap = previous ? text.slice(previous.close + 1, quotation.open) : '';
    if (previous && previousClaim && (CONTINUATION_GAP.test(gap) || !SENTENCE_END.test(gap))) {
      claims.push(previousClaim);
      continue;
    }
    claims.push(null);
  }
  return claims;
}
