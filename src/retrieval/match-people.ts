import { DEGREES, POSITION_WORDS, type OrganisationKind, type PersonProfile } from '../corpus/person-profile.js';

/**
 * Which people a question picks out by an attribute of their title: a degree (`谁有博士学位`), a
 * position (`刘畅是研究员吗`), a kind of organisation (`哪几位来自高校`) or an organisation, in full,
 * in part (`省委系统`) or abbreviated (`省科技厅` for `青海省科学技术厅`). Read from the parsed titles
 * (`PersonProfile`), never from a list of the article's people.
 */

export type PeopleAttribute = 'degree' | 'position' | 'organisation-kind' | 'organisation';

/** People picked out by one attribute of their titles. */
export interface PeopleMatch {
  attribute: PeopleAttribute;
  /** The words of the question that picked them (`博士`, `高校`, `省委`). */
  terms: string[];
  /** Their names, in the article's order. */
  names: string[];
}

/** How people name kinds of organisations in questions. */
const KIND_WORDS: ReadonlyArray<readonly [string, readonly OrganisationKind[]]> = [
  ['高校', ['university']],
  ['大学', ['university']],
  ['高等院校', ['university']],
  ['院校', ['university', 'party-school']],
  ['学校', ['university', 'party-school']],
  ['党校', ['party-school']],
  ['社科', ['research']],
  ['科研', ['research']],
  ['研究机构', ['research']],
  ['研究院所', ['research']],
  ['智库', ['research', 'party-school']],
  ['学术', ['university', 'party-school', 'research']],
  ['政府部门', ['government']],
  ['机关', ['government', 'party']],
  ['开发区', ['development-zone']],
  ['园区', ['development-zone']],
];

/** Words matched by the other attributes or too general to name an organisation. */
const GENERAL = /^(青海|青海省|省|经济|委员|研究|中心)$/u;

/** The longest substrings (2+ characters) of `question` that `organisation` contains. */
function sharedSubstrings(question: string, organisation: string): string[] {
  const found: string[] = [];
  for (let i = 0; i < question.length; i++) {
    let best = '';
    for (let j = i + 2; j <= question.length; j++) {
      const piece = question.slice(i, j);
      if (!organisation.includes(piece)) break;
      best = piece;
    }
    if (best && !found.some((f) => f.includes(best))) found.push(best);
  }
  return found;
}

/**
 * An abbreviation of a unit in the question: three or more characters of the question, ending with
 * the unit's last character, that the unit contains in order (`省科技厅` in `青海省科学技术厅`).
 */
function abbreviationOf(question: string, unit: string): string | null {
  const last = unit.at(-1)!;
  for (let end = question.indexOf(last); end >= 0; end = question.indexOf(last, end + 1)) {
    let u = unit.length - 1;
    let q = end;
    while (q >= 0 && u >= 0) {
      const at = unit.lastIndexOf(question[q]!, u);
      if (at < 0) break;
      u = at - 1;
      q--;
    }
    const abbreviation = question.slice(q + 1, end + 1);
    if (abbreviation.length >= 3 && !GENERAL.test(abbreviation.slice(0, -1))) return abbreviation;
  }
  return null;
}

/**
 * The attributes of the people that a (folded) question uses to pick some of them out. Within one
 * attribute the picks add up (`高校、党校或社科研究机构`); an organisation or kind named by everyone's
 * title (`青海`) picks no one. Empty when the question names no attribute.
 */
export function matchPeople(folded: string, people: readonly PersonProfile[]): PeopleMatch[] {
  const matches: PeopleMatch[] = [];
  const add = (attribute: PeopleAttribute, term: string, picked: PersonProfile[]) => {
    if (picked.length === 0 && attribute === 'organisation') return;
    const existing = matches.find((m) => m.attribute === attribute);
    const names = picked.map((p) => p.name);
    if (existing) {
      existing.terms.push(term);
      existing.names = people.filter((p) => existing.names.includes(p.name) || names.includes(p.name)).map((p) => p.name);
    } else {
      matches.push({ attribute, terms: [term], names });
    }
  };

  for (const degree of DEGREES) {
    if (folded.includes(degree) && !matches.some((m) => m.attribute === 'degree' && m.terms.some((t) => t.includes(degree)))) {
      add('degree', degree, people.filter((p) => p.degree?.includes(degree)));
    }
  }
  for (const word of POSITION_WORDS) {
    if (!folded.includes(word)) continue;
    if (matches.some((m) => m.attribute === 'position' && m.terms.some((t) => t.includes(word)))) continue;
    add('position', word, people.filter((p) => p.position?.includes(word)));
  }
  // `社科研究机构` is one kind, not `社科`, `科研` and `研究机构`: a word overlapping one read before is skipped.
  const covered: Array<[number, number]> = [];
  for (const [word, kinds] of KIND_WORDS) {
    const at = folded.indexOf(word);
    if (at < 0) continue;
    if (covered.some(([from, to]) => at < to && from < at + word.length)) continue;
    covered.push([at, at + word.length]);
    add('organisation-kind', word, people.filter((p) => p.units.some((u) => kinds.includes(u.kind))));
  }

  const withOrganisation = people.filter((p) => p.organisation);
  const picks = new Map<string, PersonProfile[]>();
  for (const person of withOrganisation) {
    const terms = sharedSubstrings(folded, person.organisation!).filter((t) => !GENERAL.test(t));
    for (const unit of person.units) {
      const abbreviation = abbreviationOf(folded, unit.name);
      if (abbreviation) terms.push(abbreviation);
    }
    for (const term of terms) picks.set(term, [...(picks.get(term) ?? []), person]);
  }
  for (const [term, picked] of picks) {
    // A word in everyone's title picks no one out; neither does one the kinds above already read.
    if (picked.length === withOrganisation.length) continue;
    // `科学` of `社会科学院` (shared with `科学技术厅`), `省委` of `省委党校`: a piece of a longer word of
    // the question that names someone's organisation is read as that word, not on its own.
    if ([...picks.keys()].some((longer) => longer !== term && longer.includes(term))) continue;
    if (matches.some((m) => m.attribute !== 'organisation' && m.terms.some((t) => t.includes(term) || term.includes(t)))) continue;
    add('organisation', term, picked);
  }
  // `马冠奎是省发改委的干部吗？`: a body no one's title names, asked of as someone's, picks no one
  // (so a yes/no about it is answered 不是 with where they do work).
  const unknown = UNKNOWN_BODY.exec(folded)?.[1];
  // (Never a body someone's title names in short, `社科院` for 社会科学院, nor beside another attribute read.)
  const known = (body: string) => people.some((p) => p.organisation?.includes(body) || p.units.some((u) => abbreviationOf(body, u.name) !== null));
  if (unknown && matches.length === 0 && !known(unknown)) {
    matches.push({ attribute: 'organisation', terms: [unknown], names: [] });
  }
  return matches;
}

/** `是X的干部`, `是不是X的人`: a body (its name ends as bodies' do) someone is asked to belong to. */
const UNKNOWN_BODY = /是(?:不是)?(\p{Script=Han}{2,10}?(?:委|厅|局|部|院|校|大学|学院|公司|集团|中心|办|所|协会|银行))的(?:干部|人|领导|老师|员工|工作人员|官员|专家|学者|职工)/u;

/** The people every match picks: one attribute's picks intersected with another's. */
export function peoplePicked(matches: readonly PeopleMatch[], people: readonly PersonProfile[]): string[] {
  return people.map((p) => p.name).filter((name) => matches.every((m) => m.names.includes(name)));
}
