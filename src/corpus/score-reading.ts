import type { LayoutChoice } from './attribution.js';
import { BYLINE, SECTION_HEADING } from './interview-layout.js';
import type { LayoutDescription, LayoutReading, LayoutSignal } from './layouts.js';
import { isColumnTag, readTurnLabel, simplifiedView, surnameAndTitle } from './turn-label.js';

/**
 * How well a layout explains a text, and whether the reading may be served. The rule (README,
 * "Interview layouts"): an article is refused when the best layout reads fewer than
 * {@link MIN_EXPLAINED} of its turn-like paragraphs (those a label opens) as turns, or leaves more
 * than 1 − {@link MIN_EXPLAINED} of all paragraphs without a speaker; otherwise it is served, and
 * every doubtful paragraph (an unknown label, a paragraph with no speaker, a guest who never
 * speaks) is listed in the article's `doubts`.
 */

/** The share of turn-like paragraphs (and of all paragraphs) a served reading must explain. */
export const MIN_EXPLAINED = 0.8;
/** Fewer turn-like paragraphs than this are not enough to refuse an article for (a report's `据介绍：`). */
const MIN_TURN_LIKE = 3;

/** The paragraphs a label of any style opens, outside the front matter's headline, guest and host lines. */
export function turnLike(reading: LayoutReading): number[] {
  return reading.paragraphs
    .filter((p) => p.kind !== 'guest-entry' && p.kind !== 'host-entry' && p.kind !== 'heading' && p.kind !== 'headline')
    .filter((p) => {
      const label = readTurnLabel(p.text);
      // `【文字实录】` alone on its line, read as a kicker of the front matter: the record's tag, no turn.
      const tag = p.kind === 'kicker' && label?.bracketed === true && label.style === 'alone';
      return label !== null && (label.name !== null || label.roleWord !== null || label.isRole) && !isColumnTag(label) && !tag;
    })
    .map((p) => p.id);
}

/** Which of its expected signals a reading shows. */
function signalsFound(reading: LayoutReading, raw: string): Set<LayoutSignal> {
  const found = new Set<LayoutSignal>();
  const labels = reading.paragraphs.map((p) => readTurnLabel(p.text));
  if (reading.paragraphs.some((p) => p.kind === 'guest-entry')) found.add('guest-list');
  if (reading.paragraphs.some((p) => p.kind === 'heading' && SECTION_HEADING.test(p.text))) found.add('numbered-parts');
  if (reading.paragraphs.some((p) => p.kind === 'heading' && /^[一二三四五六七八九十]{1,3}、/u.test(p.text))) found.add('part-headings');
  if (raw.split(/\r?\n/u).some((line) => readTurnLabel(line.trim())?.style === 'alone')) found.add('labels-alone');
  if (reading.paragraphs.some((p) => p.kind === 'narration')) found.add('narration');
  if (labels.some((l) => l?.bracketed)) found.add('bracket-labels');
  if (labels.some((l) => l?.roleWord === '问' || l?.roleWord === '答')) found.add('qa-labels');
  if (labels.some((l) => l?.roleWord === '记者' || l?.roleWord === '本报记者')) found.add('reporter-labels');
  if (labels.some((l) => l?.roleWord === '主持人')) found.add('host-labels');
  if (simplifiedView(raw) !== raw) found.add('traditional');
  if (/^\s*简历\s*[:：]?\s*$/mu.test(raw)) found.add('resume');
  if (reading.paragraphs.some((p) => p.kind === 'lead')) found.add('lead');
  if (turnLike(reading).length === 0) found.add('no-labels');
  if (reading.paragraphs.some((p) => p.kind === 'host-question' && p.attribution.label !== undefined && /^(?:[▲△●◆►▶]|[【[]问[】\]])$/u.test(p.attribution.label))) found.add('marked-questions');
  return found;
}

/** A layout's reading scored: explained turns first, then attributed paragraphs, guests who speak, expected signals. */
export function scoreReading(layout: LayoutDescription, reading: LayoutReading, raw: string): LayoutChoice {
  const turns = turnLike(reading);
  const labelled = turns.filter((id) => reading.paragraphs[id]!.attribution.method === 'label').length;
  const labelledShare = turns.length === 0 ? 1 : labelled / turns.length;
  const attributedShare = reading.paragraphs.filter((p) => p.role !== 'unattributed').length / Math.max(1, reading.paragraphs.length);
  const guests = reading.paragraphs.filter((p) => p.kind === 'guest-entry').map((p) => p.speaker);
  const speaking = guests.filter((g) => reading.paragraphs.some((p) => p.speaker === g && p.kind === 'expert-turn')).length;
  const guestsShare = guests.length === 0 ? 1 : speaking / guests.length;
  const signals = signalsFound(reading, raw);
  const fit = layout.expects.length === 0 ? 0 : layout.expects.filter((s) => signals.has(s)).length / layout.expects.length;
  const score = 0.5 * labelledShare + 0.3 * attributedShare + 0.17 * guestsShare + 0.03 * fit;
  return { name: layout.name, score: Math.round(score * 1000) / 1000, labelledShare: round(labelledShare), attributedShare: round(attributedShare) };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/**
 * The doubts of a reading with those of the turn-like paragraphs it gave a speaker without reading
 * their label (a report's `张三：` paragraph, given to the byline): never served silently.
 */
export function withUnexplainedTurns(reading: LayoutReading): LayoutReading['doubts'] {
  const doubted = new Set(reading.doubts.map((d) => d.paragraph));
  const unexplained = turnLike(reading)
    .map((id) => reading.paragraphs[id]!)
    .filter((p) => p.attribution.method !== 'label' && p.role !== 'unattributed' && !doubted.has(p.id))
    .map((p) => ({ reason: 'unexplained-turn' as const, paragraph: p.id, message: `the paragraph opens with a label that the layout did not read; it is given to ${p.speaker}` }));
  // `本报记者 NAME` under a paragraph read as a turn: a byline is never the rest of anyone's words.
  const bylines = reading.paragraphs
    .filter((p) => p.attribution.method === 'continuation' && p.text.trim().length <= 30 && BYLINE.test(p.text.trim()) && !doubted.has(p.id))
    .map((p) => ({ reason: 'byline-in-turn' as const, paragraph: p.id, message: `the paragraph is a byline, read as the rest of ${p.speaker}'s turn` }));
  // `莫教授：` read as its own speaker beside 莫如雪: a surname and a title may call the one named in full.
  const speakers = new Set(reading.paragraphs.filter((p) => p.role !== 'unattributed' && p.role !== 'editor').map((p) => p.speaker));
  const surnamed = reading.paragraphs
    .filter((p) => p.attribution.method === 'label' && p.role !== 'unattributed' && !doubted.has(p.id))
    .filter((p) => {
      const alias = surnameAndTitle(p.speaker);
      return alias !== null && [...speakers].some((s) => s !== p.speaker && simplifiedView(s)[0] === alias.surname && surnameAndTitle(s) === null);
    })
    .map((p) => ({ reason: 'surname-speaker' as const, paragraph: p.id, message: `${p.speaker} is a surname and a title, and another speaker has that surname: they may be one person` }));
  return [...reading.doubts, ...unexplained, ...bylines, ...surnamed].sort((a, b) => (a.paragraph ?? Infinity) - (b.paragraph ?? Infinity));
}

/** Why a reading may not be served, or null when it may (with its doubts marked). */
export function refusalOf(choice: LayoutChoice, reading: LayoutReading): string | null {
  const turns = turnLike(reading).length;
  if (turns >= MIN_TURN_LIKE && choice.labelledShare < MIN_EXPLAINED) {
    return `the best layout (${choice.name}) reads only ${Math.round(choice.labelledShare * 100)}% of the ${turns} paragraphs that open with a label as turns (at least ${MIN_EXPLAINED * 100}% needed)`;
  }
  if (choice.attributedShare < MIN_EXPLAINED) {
    return `the best layout (${choice.name}) leaves ${Math.round((1 - choice.attributedShare) * 100)}% of the paragraphs without a speaker (at most ${Math.round((1 - MIN_EXPLAINED) * 100)}% allowed)`;
  }
  return null;
}
