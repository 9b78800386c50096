/**
 * People as data: a guest-list title such as `青海大学研究生院讲师(博士)` read into its organisation
 * (`青海大学` › `研究生院`), position (`讲师`) and degree (`博士`), by the general rules of Chinese
 * job titles (organisation words end the units of an organisation, position words end the title),
 * not by a table of the article's people. Pure, so tests and the answerer share it.
 */

/** What an organisation unit is, from the word that ends it. */
export type OrganisationKind = 'university' | 'party-school' | 'research' | 'government' | 'party' | 'development-zone' | 'press' | 'other';

/** One unit of an organisation, as printed: `青海省委党校`, `经济教研部`. */
export interface OrganisationUnit {
  name: string;
  kind: OrganisationKind;
}

/** A person of the article with their title read into fields. */
export interface PersonProfile {
  name: string;
  role: 'host' | 'expert' | 'author';
  /** The title as printed (`青海大学研究生院讲师(博士)`, `本报记者`). */
  title: string;
  /** The whole organisation (`青海大学研究生院`), or null when the title names none. */
  organisation: string | null;
  /** The organisation's units, outermost first (`青海大学`, `研究生院`). */
  units: OrganisationUnit[];
  /** The position (`讲师`, `副处长`, `记者`), or null. */
  position: string | null;
  /** An academic degree given with the title (`博士`), or null. */
  degree: string | null;
  /** The paragraph that introduces the person (their guest-list line, the host's line). */
  paragraph: number;
}

/**
 * Words that end an organisation unit, longest first within a kind, with what they make the unit.
 * `学院`/`研究生院` end a unit inside a university; `厅`/`局` a government department.
 */
const ORGANISATION_WORDS: ReadonlyArray<readonly [string, OrganisationKind]> = [
  ['社会科学院', 'research'],
  ['科学院', 'research'],
  ['研究院', 'research'],
  ['研究所', 'research'],
  ['研究中心', 'research'],
  ['研究生院', 'university'],
  ['大学', 'university'],
  ['学院', 'university'],
  ['党校', 'party-school'],
  ['行政学院', 'party-school'],
  ['开发区', 'development-zone'],
  ['管委会', 'development-zone'],
  ['高新区', 'development-zone'],
  ['委员会', 'party'],
  ['办公室', 'government'],
  ['政府', 'government'],
  ['厅', 'government'],
  ['局', 'government'],
  ['处', 'government'],
  ['部', 'other'],
  ['室', 'other'],
  ['中心', 'other'],
  ['报社', 'press'],
  ['日报', 'press'],
  ['本报', 'press'],
];

/**
 * Words that end a position, longest first: an optional modifier (`副`, `助理`, `常务`…) and one of
 * these make the position (`副处长`, `助理研究员`).
 */
export const POSITION_WORDS: readonly string[] = [
  '研究员', '副研究员', '教授', '讲师', '助教', '教师', '院长', '所长', '处长', '科长', '厅长', '局长',
  '部长', '主任', '书记', '秘书长', '主席', '经理', '董事长', '总经理', '工程师', '记者', '编辑', '调研员',
  '巡视员',
].sort((a, b) => b.length - a.length);
const POSITION_MODIFIERS = ['副', '助理', '常务', '首席', '高级', '正', '执行', '特聘', '资深'];

/** Degrees, as printed after a title (`(博士)`) or before a position (`博士研究生`). */
export const DEGREES: readonly string[] = ['博士后', '博士', '硕士', '学士'];

/** Where a position word ends the text, with its modifiers: the position, or null. */
function positionAtEnd(text: string): string | null {
  for (const word of POSITION_WORDS) {
    if (!text.endsWith(word)) continue;
    let start = text.length - word.length;
    for (let found = true; found; ) {
      found = false;
      for (const m of POSITION_MODIFIERS) {
        if (text.slice(0, start).endsWith(m)) {
          start -= m.length;
          found = true;
          break;
        }
      }
    }
    // A position is more than the last word of an organisation (`…委员会` is not `委员`+`会`).
    return text.slice(start);
  }
  return null;
}

/**
 * Splits an organisation into units at its organisation words: `青海省委全面深化改革委员会办公室三处`
 * → `青海省委全面深化改革委员会`, `办公室`, `三处`. A one-character word (`处`, `厅`) ends a unit only
 * after at least one more character. `委`, `办`, `科` are left out: they open words too (`省委党校`,
 * `科学技术厅`), and the longer words cover their units.
 */
export function organisationUnits(organisation: string): OrganisationUnit[] {
  const units: OrganisationUnit[] = [];
  let start = 0;
  let i = 0;
  while (i < organisation.length) {
    let matched: readonly [string, OrganisationKind] | null = null;
    for (const entry of ORGANISATION_WORDS) {
      if (organisation.startsWith(entry[0], i) && (!matched || entry[0].length > matched[0].length)) matched = entry;
    }
    if (matched && i + matched[0].length - start >= 2) {
      // `社会科学院` inside `省社会科学院` is one unit; `学院` must not split `科学院`.
      i += matched[0].length;
      units.push({ name: organisation.slice(start, i), kind: matched[1] });
      start = i;
      continue;
    }
    i++;
  }
  if (start < organisation.length) {
    const rest = organisation.slice(start);
    if (units.length > 0 && rest.length < 2) units.at(-1)!.name += rest;
    else units.push({ name: rest, kind: 'other' });
  }
  return units;
}

/**
 * Reads a title into organisation, position and degree.
 *
 * @example
 * parseTitle('青海大学研究生院讲师(博士)')
 * // { organisation: '青海大学研究生院', units: [青海大学, 研究生院], position: '讲师', degree: '博士' }
 */
export function parseTitle(title: string): Pick<PersonProfile, 'organisation' | 'units' | 'position' | 'degree'> {
  let text = title.trim();
  let degree: string | null = null;
  // `(博士)`, `（博士）`: a degree in brackets at the end.
  const bracket = /[(（]([^()（）]+)[)）]$/u.exec(text);
  if (bracket) {
    degree = DEGREES.find((d) => bracket[1]!.includes(d)) ?? null;
    text = text.slice(0, bracket.index).trim();
  }
  // `本报记者 秦睿`'s title is `本报记者`: a space may separate organisation and position.
  text = text.replace(/\s+/gu, '');
  const position = positionAtEnd(text);
  let organisation = position ? text.slice(0, text.length - position.length) : text;
  if (!degree) {
    const printed = DEGREES.find((d) => organisation.endsWith(d));
    if (printed) {
      degree = printed;
      organisation = organisation.slice(0, -printed.length);
    }
  }
  return {
    organisation: organisation === '' ? null : organisation,
    units: organisation === '' ? [] : organisationUnits(organisation),
    position,
    degree,
  };
}
