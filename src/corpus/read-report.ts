import type { ArticleParagraph, OpenSpeech, ParagraphSpeech } from './article.js';
import { CorpusError } from './article.js';
import type { ArticleDoubt, Attribution } from './attribution.js';
import { findQuotedSpans } from './find-quoted-spans.js';
import { BYLINE, CLOSING_CREDIT, DATE_LINE, INLINE_EDITORS_NOTE, MIN_PROSE_LENGTH, NEWS_LEAD, NEWS_LEAD_CREDIT, PARAGRAPH_END, type ParagraphKind } from './interview-layout.js';
import type { LayoutReading } from './layouts.js';
import { parseTitle, type PersonProfile } from './person-profile.js';
import { attributeReportSpeech, type SpeechSpan } from './report-speech.js';
import type { QuotedSpan } from './quoted-span.js';
import { dateIn } from './read-roundtable.js';
import type { RawParagraph } from './source-lines.js';
import { EDITOR_NAME, UNATTRIBUTED_NAME, type Speaker, type SpeakerRole } from './speakers.js';
import { readTurnLabel, simplifiedView } from './turn-label.js';

/** Who says a paragraph of a report's body, and how that was decided. */
export interface ReportSpeech {
  speaker: string;
  role: SpeakerRole;
  title: string | null;
  attribution: Attribution;
  /** Whose words the spans of the paragraph are (quotations, clauses after a speech verb). */
  speeches?: ParagraphSpeech[];
  /** Speech in the paragraph whose speaker the text leaves open, with why: the paragraph is doubted. */
  openSpeeches?: OpenSpeech[];
}

/**
 * The seam where a report's body paragraphs get their speakers. Today every paragraph is the
 * byline's reporter's (or the paper's, 编者, without a byline); a news-feature attribution (speech
 * verbs around a quotation, 他/她, surname + post) plugs in here as another function of this type.
 */
/**
 * `narratorSaysI`: the paragraphs are the reporter's notes (`记者手记`), where the reporter writes `我`
 * of themselves, so first-person narration is theirs, not someone else's words.
 */
export type ReportSpeechAttributor = (body: readonly string[], author: { name: string; title: string } | null, options?: { narratorSaysI?: boolean }) => ReportSpeech[];

/** How sure the narrator's own sentence inside someone's paragraph is theirs. */
const NARRATION_CONFIDENCE = 0.8;

/** A paragraph that opens with someone's label (`陈阿姨：……`): theirs, and no report reads it. */
function labelledTurn(text: string): ReportSpeech | null {
  const label = readTurnLabel(text);
  if (!label || (label.name === null && !label.isRole)) return null;
  return { speaker: UNATTRIBUTED_NAME, role: 'unattributed', title: null, attribution: { method: 'unattributed', confidence: 0, label: label.printed } };
}

/** The byline's reporter, or the paper (编者) without a byline. */
function narrator(author: { name: string; title: string } | null, confidence = 0.9): ReportSpeech {
  return author
    ? { speaker: author.name, role: 'author', title: author.title, attribution: { method: 'byline', confidence } }
    : { speaker: EDITOR_NAME, role: 'editor', title: null, attribution: { method: 'narration', confidence } };
}

/**
 * A news feature read by `report-speech.ts`: a paragraph that is mainly one person's quoted words
 * is theirs (method `quotation`, role `quoted`), narration stays the byline's reporter's, and every
 * span of someone's words is listed in `speeches`. Speech whose speaker the text leaves open makes
 * its paragraph doubted (`openSpeech`), or unattributed when it is most of it.
 */
export const attributeQuotedSpeech: ReportSpeechAttributor = (body, author, options = {}) => {
  const result = attributeReportSpeech(body, { byline: author ? [author.name] : [] });
  const titles = new Map<string, string | null>(result.people.map((p) => [p.name, p.title]));
  return body.map((text, i): ReportSpeech => {
    const turn = labelledTurn(text);
    if (turn) return turn;
    const read = result.paragraphs[i]!;
    const speeches: ParagraphSpeech[] = read.spans.map((s) => ({ start: s.start, end: s.end, speaker: s.speaker, method: s.method, confidence: s.confidence }));
    // In a paragraph that is mainly someone's words, the sentences of narration stay the narrator's.
    const { speaker: narratorName } = narrator(author);
    for (const n of read.narration ?? []) speeches.push({ start: n.start, end: n.end, speaker: narratorName, method: 'narration', confidence: NARRATION_CONFIDENCE });
    speeches.sort((a, b) => a.start - b.start);
    const open = read.unattributed.map(({ start, end, reason }) => ({ start, end, reason }));
    // Words a pronoun credits after a clause where an unread subject speaks: open, not the pronoun's referent's.
    const unread = unreadSpeakerBefore(text, speeches);
    if (unread) {
      for (const s of speeches.filter((s) => s.method === 'pronoun' && s.start >= unread.at)) open.push({ start: s.start, end: s.end, reason: unread.reason });
      open.sort((a, b) => a.start - b.start);
    }
    const credited = unread ? speeches.filter((s) => !(s.method === 'pronoun' && s.start >= unread.at)) : speeches;
    const extra = {
      ...(credited.length > 0 ? { speeches: credited } : {}),
      ...(open.length > 0 ? { openSpeeches: open } : {}),
    };
    // A paragraph that was theirs only by the pronoun's words, now open, is no longer theirs.
    const stillTheirs = !unread || credited.some((s) => s.method !== 'narration' && s.speaker === read.speaker);
    if (read.method === 'quotation' && read.speaker !== null && stillTheirs) {
      return { speaker: read.speaker, role: 'quoted', title: titles.get(read.speaker) ?? null, attribution: { method: 'quotation', confidence: round(read.confidence) }, ...extra };
    }
    if (read.method === 'unattributed') {
      return { speaker: UNATTRIBUTED_NAME, role: 'unattributed', title: null, attribution: { method: 'unattributed', confidence: 0 }, ...extra };
    }
    // Narration that says `我` or calls someone `您` outside quotations is someone's words, not the reporter's: no one's.
    // In the reporter's notes the reporter says `我` of themselves: a question to `您` is still no narration.
    const voice = ownVoice(text, speeches, options.narratorSaysI === true);
    if (voice) return { speaker: UNATTRIBUTED_NAME, role: 'unattributed', title: null, attribution: { method: 'unattributed', confidence: 0 }, openSpeeches: [{ start: 0, end: text.length, reason: voice }] };
    return { ...narrator(author, round(read.confidence)), ...extra };
  });
};

/**
 * Why a paragraph read as the narrator's cannot be: outside quotation marks and the spans credited
 * to others, it speaks in the first person singular (`我`; not `我们`, which may be the paper's, nor `我国`, `我省`, `我市`…, the paper's own
 * place) or asks someone (`您`, `你`) a question. A reporter writes `记者`; such a paragraph is an unlabelled
 * answer or question, someone's words: null when it is plain narration.
 */
export function ownVoice(text: string, speeches: readonly { start: number; end: number; method: string }[] = [], narratorSaysI = false): string | null {
  let own = '';
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if ('“「『'.includes(ch)) depth++;
    else if ('”」』'.includes(ch)) depth = Math.max(0, depth - 1);
    else if (depth === 0 && !speeches.some((s) => s.method !== 'narration' && s.start <= i && i < s.end)) own += ch;
    else own += ' ';
  }
  if (!narratorSaysI && /我(?![们国省市县区州乡镇村校院厂军方])/u.test(own)) return 'the narration speaks in the first person (我) outside quotations: someone else’s words, not the reporter’s';
  if (/[您你](?!们)/u.test(own) && /[？?]\s*$/u.test(text)) return 'the narration asks someone (您, 你) a question: an unlabelled question, not the reporter’s narration';
  return null;
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

/**
 * Every body paragraph to the byline's reporter, or to the paper (编者) when there is no byline; a
 * paragraph that opens with someone's label (`陈阿姨：……`) is theirs, not the reporter's, and this
 * attributor does not read it: it is unattributed.
 */
export const attributeToByline: ReportSpeechAttributor = (body, author) => body.map((text) => labelledTurn(text) ?? narrator(author));

/**
 * Where a report's paragraph quotes someone: the speech spans of people other than its speaker (so
 * that a citation of them is never the speaker's own words), and the quotations `findQuotedSpans`
 * reads (`习近平总书记指出“……”`) where no speech span is.
 */
export function quotesOf(text: string, speaker: string, role: SpeakerRole, speeches: readonly ParagraphSpeech[]): QuotedSpan[] {
  if (role === 'editor' && speeches.length === 0) return [];
  if (role === 'unattributed') return [];
  // The narrator's own sentences quote nobody (a term quoted in them is found as any other).
  const words = speeches.filter((s) => s.method !== 'narration');
  const others: QuotedSpan[] = words.filter((s) => s.speaker !== speaker).map((s) => ({ start: s.start, end: s.end, person: s.speaker, honorific: null }));
  const found = findQuotedSpans(text).filter((q) => !words.some((s) => q.start < s.end && s.start < q.end));
  return [...others, ...found].sort((a, b) => a.start - b.start);
}

/** How a turn may credit the words it quotes to someone else: a name, a post or a pronoun before them (see quotesInTurn). */
const RELAYED_BY = new Set<SpeechSpan['method']>(['verb-before', 'colon-lead', 'alias', 'pronoun']);
/** Most characters between the words that credit a quotation and its opening mark (`在世时常说：“`). */
const CREDIT_BEFORE_CHARS = 12;
/** A verb of saying or a colon, then an opening quotation mark within a few characters. */
const SAID_THEN_QUOTED = /(?:[说讲道问答称示出调醒嘱诉]|[：:])[^“「”」。！？!?]{0,10}[“「]/u;

/** A paragraph someone speaks in an interview: a question or an answer, not the lead or a guest list. */
export function isTurn(kind: ParagraphKind): boolean {
  return kind === 'expert-turn' || kind === 'host-question';
}

/**
 * Where a turn of an interview quotes someone else: the quotations `findQuotedSpans` reads
 * (`习近平总书记指出“……”`), and words in quotation marks that the turn credits to a person it names
 * (`老站长彭德安跟我说过一句话：“……”`, `……带我的师傅叫卢宝山……他说：“……”`), read as a report reads
 * them with the turn's speaker for its author. The words stay the turn's speaker's (they relay them);
 * a citation of just them says whom it quotes, and a who-said answer names that person.
 */
export function quotesInTurn(text: string, speaker: string, labelEnd: number): QuotedSpan[] {
  const found = findQuotedSpans(text);
  // The label is no part of the words (`韩志强：“……”` is no one quoting 韩志强): blanked, offsets kept. Read
  // in Simplified characters (one for one), so that `爺爺陳海生以前講：「……」` is read as `爷爷陈海生以前讲`.
  const viewed = simplifiedView(text);
  const body = ' '.repeat(labelEnd) + viewed.slice(labelEnd);
  // Reading a turn as a report is dear: only a turn with words in quotation marks right after a verb of
  // saying or a colon (`……说过一句话：“`, `他说：“`) can credit any to someone it names.
  if (!SAID_THEN_QUOTED.test(body)) return found;
  const own = simplifiedView(speaker);
  const read = attributeReportSpeech([body], { byline: [own] }).paragraphs[0]!;
  const relayed: QuotedSpan[] = read.spans
    .filter((s) => s.marked && s.speaker !== own && RELAYED_BY.has(s.method) && !found.some((q) => q.start < s.end && s.start < q.end))
    // Credited before the words, where the turn says who said them (`……跟我说过一句话：“`, `他说：“`); a name after
    // them is more often whom the turn goes on to address (`“……”邱队长您怎么回应？`).
    .filter((s) => {
      const at = body.lastIndexOf(s.as, s.start);
      return at >= labelEnd && s.start - (at + s.as.length) <= CREDIT_BEFORE_CHARS;
    })
    .map((s) => {
      // The person as the article writes them (`陳海生`), where it names them in full.
      const at = viewed.indexOf(s.speaker);
      return { start: s.start, end: s.end, person: at >= 0 ? text.slice(at, at + s.speaker.length) : s.speaker, honorific: null };
    });
  return [...found, ...relayed].sort((a, b) => a.start - b.start);
}

/**
 * `……输血科主任某某说，……。“……”她说`: a clause of the narration says someone spoke (`…说，`, `…表示，`),
 * yet no one was read as its subject, and words after it are credited by a pronoun: the pronoun may
 * be that unread speaker, not the person it was resolved to. Where those words start to be open, and why, or null.
 */
function unreadSpeakerBefore(text: string, speeches: readonly ParagraphSpeech[]): { at: number; reason: string } | null {
  for (const n of speeches) {
    if (n.method !== 'narration') continue;
    const clause = UNREAD_SPEAKER_CLAUSE.exec(text.slice(n.start, n.end));
    if (!clause || /记者|[我你他她它]|大家|有人/u.test(clause[1]!)) continue;
    if (speeches.some((s) => s.method === 'pronoun' && s.start >= n.start)) return { at: n.start, reason: `"${clause[1]}" speaks in the narration, unread as anyone, before words a pronoun credits` };
  }
  return null;
}
/** A clause of narration that reports someone's words: a subject of two or more characters, a speech verb, a comma or colon. */
const UNREAD_SPEAKER_CLAUSE = /(?:^|[，,。；;])([^，,。；;：:“”「」\s]{2,30}?)(?:说|表示|介绍|指出)[，,：:]/u;

/**
 * `我跟着考察队来到…`, `我问NAME：`, `她笑着对我说`, `他悄悄告诉我`: outside quotations, `我` goes somewhere,
 * meets, sees or asks someone, or someone speaks to `我`: the reporter writing of themselves.
 */
const REPORTER_I = /我(?:跟着|跟随|随着|来到|赶到|走进|走访|见到|第一次见到|问|又问|忍不住问|追问|采访|看到|注意到|离开|进门)|(?:对|告诉|跟|给|向|带着|领着|带)我(?:说|讲|介绍|解释|比划|看)?/u;
/**
 * A first-person feature: two paragraphs or more whose narration (outside quotations) says the reporter
 * did so: its `我` is the reporter's, as in the reporter's notes, not someone else's unquoted words.
 */
function reporterSaysI(body: readonly string[]): boolean {
  const own = body.map((text) => text.replace(/“[^”]*”|「[^」]*」|『[^』]*』/gu, '“”'));
  return own.filter((text) => REPORTER_I.test(text)).length >= 2;
}

/** `责任编辑：NAME`, `（编辑：NAME 校对：NAME）`, `（图）……`: a line the paper prints after the report: an editor's credit or a photo caption. */
const PAPERS_CREDIT = /^(?:[（(]?\s*(?:责任编辑|编辑|校对|本期编导)\s*[:：][^。！？]{0,40}[)）]?|[（(]图[①-⑩0-9０-９]?[)）].{0,80})$/u;

/**
 * An ordinary report (no turns): the headline, short lines under it (a kicker, a date), a byline
 * (`本报记者 张三`), then the body, whose speakers `attribute` decides.
 *
 * @throws {CorpusError} when the text has no prose paragraph.
 */
export function readReport(rawParagraphs: RawParagraph[], attribute: ReportSpeechAttributor = attributeQuotedSpeech): LayoutReading {
  const paragraphs: ArticleParagraph[] = [];
  let author: { name: string; title: string } | null = null;
  let kicker: string | null = null;
  let bodyStart = -1;
  const push = (p: RawParagraph, speaker: string, role: SpeakerRole, kind: ParagraphKind, speakerTitle: string | null, attribution: Attribution, speeches?: ParagraphSpeech[], openSpeeches?: OpenSpeech[]) => {
    paragraphs.push({
      id: paragraphs.length,
      speaker,
      role,
      title: speakerTitle,
      section: '',
      sectionNumber: 0,
      kind,
      text: p.text,
      labelEnd: 0,
      quotes: quotesOf(p.text, speaker, role, speeches ?? []),
      sourceLines: p.sourceLines,
      attribution,
      ...(speeches ? { speeches } : {}),
      ...(openSpeeches ? { openSpeeches } : {}),
    });
  };
  const front: Attribution = { method: 'front-matter', confidence: 1 };
  // `【编者按】……` above the headline: the paper's note, and the headline is the line under it.
  // `本报讯 ……`: a report that opens with its news lead has no headline in the text.
  const headlineAt = NEWS_LEAD.test(rawParagraphs[0]?.text ?? '') ? -1 : rawParagraphs.length > 2 && INLINE_EDITORS_NOTE.test(rawParagraphs[0]!.text) ? 1 : 0;
  for (const [i, p] of rawParagraphs.entries()) {
    const byline = bodyStart >= 0 ? null : BYLINE.exec(p.text);
    if (i < headlineAt) {
      push(p, EDITOR_NAME, 'editor', 'editors-note', null, front);
    } else if (i === headlineAt) {
      push(p, EDITOR_NAME, 'editor', 'headline', null, front);
    } else if (byline) {
      author ??= { name: byline[2]!.split(/[\s、]+/u)[0]!, title: byline[1]! };
      push(p, author.name, 'author', 'host-entry', author.title, front);
    } else if (i > headlineAt && INLINE_EDITORS_NOTE.test(p.text.trim())) {
      // `【编者按】……` under the headline or the byline, before the body: the paper's note, never the reporter's.
      push(p, EDITOR_NAME, 'editor', 'editors-note', null, front);
    } else if (bodyStart < 0 && p.text.length < MIN_PROSE_LENGTH && !PARAGRAPH_END.test(p.text)) {
      if (!DATE_LINE.test(p.text)) kicker ??= p.text;
      push(p, EDITOR_NAME, 'editor', 'kicker', null, front);
    } else {
      bodyStart = i;
      break;
    }
  }
  if (bodyStart < 0) throw new CorpusError('corpus has no guest list (嘉宾简介) and no paragraphs of text after its headline: neither an interview nor a report');
  const body = rawParagraphs.slice(bodyStart);
  // `（记者 NAME 文/图）` closing the piece: its reporter, when no byline above named them.
  // `本报讯（记者 NAME 通讯员 NAME）……`: the news lead credits its reporter, when no byline above named them.
  const leadCredit = author ? null : NEWS_LEAD_CREDIT.exec(body[0]?.text ?? '');
  if (leadCredit) author = { name: leadCredit[1]!, title: '记者' };
  const creditAt = author ? -1 : body.findLastIndex((p) => CLOSING_CREDIT.test(p.text.trim()));
  if (creditAt >= 0) author = { name: CLOSING_CREDIT.exec(body[creditAt]!.text.trim())![1]!, title: '记者' };
  const speech = attribute(body.map((p) => p.text), author, { narratorSaysI: author !== null && reporterSaysI(body.map((p) => p.text)) });
  const doubts: ArticleDoubt[] = [];
  body.forEach((p, i) => {
    if (i === creditAt) {
      push(p, author!.name, 'author', 'host-entry', author!.title, front);
      return;
    }
    if (i > 0 && PAPERS_CREDIT.test(p.text.trim())) {
      // `责任编辑：NAME`, `（图）……`: the paper's line closing the report, no one's words.
      push(p, EDITOR_NAME, 'editor', 'kicker', null, front);
      return;
    }
    const { speaker, role, title, attribution, speeches, openSpeeches } = speech[i]!;
    const openSpeech = openSpeeches?.[0]?.reason;
    if (role === 'unattributed') doubts.push({ reason: 'no-speaker', paragraph: paragraphs.length, message: `no speaker could be decided for this paragraph of the report${attribution.label ? ` (it opens with "${attribution.label}")` : openSpeech ? ` (${openSpeech})` : ''}` });
    else if (openSpeech) doubts.push({ reason: 'open-speech', paragraph: paragraphs.length, message: `the paragraph holds words whose speaker the text leaves open (${openSpeech})` });
    push(p, speaker, role, role === 'unattributed' ? 'unattributed' : 'report', title, attribution, speeches, openSpeeches);
  });
  const speakers: Speaker[] = [];
  const add = (name: string, role: SpeakerRole, title: string | null, id: number) => {
    let speaker = speakers.find((s) => s.name === name);
    if (!speaker) speakers.push((speaker = { name, role, title, paragraphs: [] }));
    if (!speaker.paragraphs.includes(id)) speaker.paragraphs.push(id);
  };
  for (const p of paragraphs) {
    if (p.role !== 'unattributed') add(p.speaker, p.role, p.title, p.id);
  }
  // The people quoted inside the reporter's narration speak too (`NAME怎么看…` finds them).
  const quotedTitles = new Map(speech.filter((s) => s.role === 'quoted').map((s) => [s.speaker, s.title]));
  for (const p of paragraphs) {
    for (const s of p.speeches ?? []) {
      if (s.speaker === author?.name || s.method === 'narration') continue;
      add(s.speaker, 'quoted', quotedTitles.get(s.speaker) ?? speakers.find((k) => k.name === s.speaker)?.title ?? null, p.id);
    }
  }
  for (const s of speakers) s.paragraphs.sort((a, b) => a - b);
  speakers.sort((a, b) => Number(b.role === 'editor') - Number(a.role === 'editor'));
  const people: PersonProfile[] = paragraphs
    .filter((p) => p.kind === 'host-entry')
    .map((p) => ({ name: p.speaker, role: 'author', title: p.title ?? '', ...parseTitle(p.title ?? ''), paragraph: p.id }));
  return {
    title: paragraphs[Math.max(headlineAt, 0)]!.text,
    date: dateIn(rawParagraphs.slice(0, bodyStart)),
    kicker,
    paragraphs,
    speakers,
    sections: [],
    people,
    editorsNote: paragraphs.filter((p) => p.kind === 'editors-note').map((p) => p.id),
    interviewers: [],
    interviewees: [],
    doubts,
  };
}
