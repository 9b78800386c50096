import type { ArticleParagraph } from './article.js';
import { CorpusError } from './article.js';
import type { ArticleDoubt } from './attribution.js';
import type { LayoutReading } from './layouts.js';
import { parseTitle } from './person-profile.js';
import { quotesOf, readReport } from './read-report.js';
import { kickerInterviewee } from './read-turns.js';
import type { RawParagraph } from './source-lines.js';
import { EDITOR_NAME, UNATTRIBUTED_NAME, type Speaker } from './speakers.js';
import { REPORTERS_NOTES_WORDS, simplifiedView } from './turn-label.js';

/**
 * An interview printed without labels (`src/corpus/layouts.ts`, `marked-qa`): the reporter's
 * questions are marked (`▲ 您是怎么……？`), each followed by unlabelled paragraphs that answer it,
 * the body cut into topics by `■` lines, a lead before the first question and perhaps the
 * reporter's notes (`记者手记`) after the last answer. The questions are the byline's reporter's (or
 * `记者`'s); the answers are the interviewee's only when the front matter names one person the piece
 * interviews (`——访…NAME`), else no one's (doubted): never a guess among several.
 */

/** `▲ 您是怎么……？`, `【问】您是怎么……？`: a marked paragraph that asks: the reporter's question. */
const MARKED_QUESTION = /^(?:[▲△●◆►▶]|[【[]问[】\]])\s*\S.*[？?]\s*$/u;
/** The mark a question is printed with (`▲`, `【问】`). */
const markOf = (view: string): string => /^[【[]问[】\]]/u.exec(view)?.[0] ?? view[0]!;
/** `■ 手艺怎么传下去`: a short marked line with no full stop: a topic, the paper's. */
const TOPIC_LINE = /^[■□◇◆●▲]\s*[^。！!？?]{1,30}$/u;
/** `记者手记`, `【采访后记】`: the heading of the reporter's notes; what follows is theirs, read as a report. */
const NOTES_HEADING = new RegExp(`^(?:[■▲◆●★□◇]\\s*)?[【[]?(?:${REPORTERS_NOTES_WORDS.join('|')})[】\\]]?[:：]?$`, 'u');
/** The fewest marked questions that make a text this layout. */
const MIN_QUESTIONS = 2;

/**
 * Reads an interview of marked questions and unlabelled answers on top of the report's reading
 * (its front matter, byline and lead).
 *
 * @throws {CorpusError} when fewer than two marked questions open its paragraphs (not this layout).
 */
export function readMarkedQa(raws: RawParagraph[]): LayoutReading {
  const report = readReport(raws);
  const body = report.paragraphs.filter((p) => p.attribution.method !== 'front-matter');
  const questions = body.filter((p) => MARKED_QUESTION.test(simplifiedView(p.text).trim()));
  if (questions.length < MIN_QUESTIONS) throw new CorpusError('no marked questions (▲ …？) of the marked-qa layout');
  const front = report.paragraphs.filter((p) => p.attribution.method === 'front-matter');
  const interviewees = [...new Set(front.flatMap((p) => kickerInterviewee(p.text)))];
  // `——访…NAME` names one person only when the name ends it: `…NAME和徒弟NAME`, `…NAME、NAME师徒` may name more.
  const endsWithName = (name: string) => front.some((p) => kickerInterviewee(p.text).includes(name) && simplifiedView(p.text).trim().replace(/[。.]$/u, '').endsWith(simplifiedView(name)));
  const interviewee = interviewees.length === 1 && endsWithName(interviewees[0]!) ? interviewees[0]! : null;
  const author = report.speakers.find((s) => s.role === 'author') ?? null;
  const asker = author?.name ?? '记者';
  const doubts: ArticleDoubt[] = report.doubts.filter((d) => d.paragraph === null);
  const paragraphs: ArticleParagraph[] = [];
  // Where a paragraph stands: before the first question, in an answer, or in the reporter's notes.
  let state: 'lead' | 'answer' | 'after' = 'lead';
  let section = '';
  let sectionNumber = 0;
  for (const p of report.paragraphs) {
    const view = simplifiedView(p.text).trim();
    let q: ArticleParagraph = { ...p, section, sectionNumber };
    if (p.attribution.method === 'front-matter' && p.kind !== 'report') {
      // The headline, the kicker, the byline and the paper's closing lines stay as the report read them.
    } else if (MARKED_QUESTION.test(view)) {
      state = 'answer';
      q = { ...q, speaker: asker, role: 'host', title: author?.title ?? null, kind: 'host-question', labelEnd: 0, attribution: { method: 'label', confidence: 0.9, label: markOf(view) }, quotes: quotesOf(p.text, asker, 'host', []) };
      delete q.speeches;
      delete q.openSpeeches;
    } else if (NOTES_HEADING.test(view) || TOPIC_LINE.test(view)) {
      if (NOTES_HEADING.test(view)) state = 'after';
      else {
        state = state === 'after' ? 'after' : 'lead';
        section = view.replace(/^[■□◇◆●▲]\s*/u, '');
        sectionNumber += 1;
        q = { ...q, section, sectionNumber };
      }
      q = { ...q, speaker: EDITOR_NAME, role: 'editor', title: null, kind: 'heading', attribution: { method: 'front-matter', confidence: 1 }, quotes: [] };
      delete q.speeches;
      delete q.openSpeeches;
    } else if (state === 'answer') {
      delete q.speeches;
      delete q.openSpeeches;
      // Outside quotations, a paragraph naming the interviewee with no `我` tells of them: narration, not their answer.
      const outside = view.replace(/“[^”]*”|「[^」]*」|『[^』]*』/gu, '“”');
      const toldOf = interviewee !== null && outside.includes(simplifiedView(interviewee)) && !/我/u.test(outside);
      if (interviewee && !toldOf) {
        q = { ...q, speaker: interviewee, role: 'expert', title: null, kind: 'expert-turn', attribution: { method: 'continuation', confidence: 0.8 }, quotes: quotesOf(p.text, interviewee, 'expert', []) };
      } else {
        q = { ...q, speaker: UNATTRIBUTED_NAME, role: 'unattributed', title: null, kind: 'unattributed', attribution: { method: 'unattributed', confidence: 0 }, quotes: [] };
        const why = toldOf ? `it tells of ${interviewee} in the third person: narration, or someone else's words` : `the front matter names ${interviewees.length === 0 ? 'no one' : 'perhaps several people'} the piece interviews (\`——访…NAME\` ending with the one name)`;
        doubts.push({ reason: 'no-speaker', paragraph: p.id, message: `an unlabelled paragraph after a marked question, read as no one's: ${why}` });
      }
    } else {
      // The lead, a paragraph between a topic and its first question, the reporter's notes: the report's reading.
      doubts.push(...report.doubts.filter((d) => d.paragraph === p.id));
    }
    paragraphs.push(q);
  }
  const speakers: Speaker[] = [];
  for (const p of paragraphs) {
    if (p.role === 'unattributed') continue;
    let s = speakers.find((k) => k.name === p.speaker);
    if (!s) speakers.push((s = { name: p.speaker, role: p.role, title: p.title, paragraphs: [] }));
    s.paragraphs.push(p.id);
  }
  speakers.sort((a, b) => Number(b.role === 'editor') - Number(a.role === 'editor'));
  const sections = paragraphs
    .filter((p) => p.kind === 'heading' && p.sectionNumber > 0 && (paragraphs[p.id - 1]?.sectionNumber ?? 0) < p.sectionNumber)
    .map((p) => ({ number: p.sectionNumber, name: p.section }));
  const people = [...report.people];
  const at = interviewee ? front.find((p) => kickerInterviewee(p.text).includes(interviewee)) : undefined;
  if (interviewee && at) people.push({ name: interviewee, role: 'expert', title: '', ...parseTitle(''), paragraph: at.id });
  return {
    ...report,
    paragraphs,
    speakers,
    sections,
    people,
    interviewers: [asker],
    interviewees: interviewee ? [interviewee] : [],
    doubts: doubts.sort((a, b) => (a.paragraph ?? Infinity) - (b.paragraph ?? Infinity)),
  };
}
