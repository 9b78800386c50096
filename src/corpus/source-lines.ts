import { readGuestEntry, readGuestListLabel } from './guest-list.js';
import { BYLINE, INLINE_EDITORS_NOTE, LONE_SECTION_NUMBER, MIN_PROSE_LENGTH, PARAGRAPH_END, SECTION_HEADING, TURN_LABEL } from './interview-layout.js';
import { isColumnTag, looksLikePersonName, readTurnLabel } from './turn-label.js';

/** A paragraph of the source before any layout reads it: its text and the 1-based lines it was joined from. */
export interface RawParagraph {
  text: string;
  sourceLines: number[];
  /** True when the paragraph opens with a label printed alone on its line (`主持人 王芳：`). */
  labelAlone?: boolean;
}

/** Topic and part headings of any layout (`1 …`, `一、…`, `（二）…`, `■…`, `▲…`). */
export const ANY_HEADING = /^(?:[1-9]\s+\S|[一二三四五六七八九十]{1,3}[、．.]|（[一二三四五六七八九十]{1,3}）|第[一二三四五六七八九十]{1,3}部分|[■▲◆●★□◇]\s*\S)/u;

/** `[图]……`, `【图】……`, `［图片说明：……］`, `图：……`, `图为：……`, `（图）……`: a photo caption, a line of its own under any paragraph. */
const CAPTION = /^(?:[[［【（(]\s*(?:图片?|照片)(?:说明)?[①-⑩0-9０-９]?\s*(?:[\]］】）)]|[:：])|图(?:为|[①-⑩0-9０-９])?\s*[:：])/u;

/** `（责任编辑：NAME）`, `责任编辑：NAME`: the editor's credit closing the piece. */
const EDITOR_CREDIT = /^[（(]?\s*(?:责任编辑|编辑|校对)\s*[:：]/u;

/** A line the paper prints on its own, never the rest of the line before it: a byline (`本报记者 NAME`), a photo caption or an editor's credit. */
function printedAlone(line: string): boolean {
  return BYLINE.test(line) || CAPTION.test(line) || EDITOR_CREDIT.test(line) || INLINE_EDITORS_NOTE.test(line);
}

/** `方慕白  某大学教授` then `唐  韵  某公司鉴定师`: the next person of a guest list, never the rest of the line before. */
function nextGuestEntry(previous: string, line: string): boolean {
  const [a, b] = [readGuestEntry(previous), readGuestEntry(line)];
  return a !== null && b !== null && looksLikePersonName(a.name) && looksLikePersonName(b.name) && COLUMN_ENTRY.test(previous) && COLUMN_ENTRY.test(line);
}

/** A name lined up in a column (`方慕白  `, `唐  韵  `, `龚嘉树\u3000`): two spaces or more, an ideographic space or a tab after it. */
const COLUMN_ENTRY = /^[\p{Script=Han}](?:(?:\u3000| {1,2})[\p{Script=Han}]|[\p{Script=Han}]{1,3})(?: {2,}|[\u3000\t])/u;

/** A line shorter than this is never read as hard-wrapped: guest lines and headings are short. */
const MIN_WRAPPED_LENGTH = 28;

/** `黎海燕，……研究。` then `梁振邦，……教授。`: one guest a line, each a sentence, never one wrapped line. */
function nextGuest(line: string, next: string): boolean {
  if (!PARAGRAPH_END.test(line)) return false;
  const [a, b] = [readGuestEntry(line), readGuestEntry(next)];
  return a !== null && b !== null && looksLikePersonName(a.name) && looksLikePersonName(b.name);
}

/**
 * `嘉宾：` or `简历` over the list's first entry: a list's label ends its line. `简历：NAME，1953年生于…，1`
 * over `986年起任…`: a label with prose run on after it, cut inside a word or a number, goes on in the next
 * line like any wrapped prose (the next line opens no entry of the list).
 */
function listHead(line: string, next: string): boolean {
  if (readGuestListLabel(line) === null) return false;
  const rest = /[:：]\s*(.*)$/u.exec(line)?.[1] ?? '';
  return rest.length < MIN_WRAPPED_LENGTH / 2 || PARAGRAPH_END.test(line) || readGuestEntry(next) !== null;
}

/**
 * The lines of a hard-wrapped text that go on in the next line: inside a block of lines with no
 * blank line between them, a line about as long as the block's longest (lines broken every ~40
 * characters) goes on, unless the next line is indented or opens a turn or a heading. Indices of `lines`.
 */
function wrappedLines(lines: string[]): Set<number> {
  const wrapped = new Set<number>();
  let start = 0;
  while (start < lines.length) {
    if (lines[start]!.trim() === '') {
      start++;
      continue;
    }
    let end = start;
    while (end + 1 < lines.length && lines[end + 1]!.trim() !== '') end++;
    // A paragraph's first line indented with full-width spaces (`\u3000\u3000走进…`) is as wide on the page as the
    // lines under it: the indent counts in its width.
    const printedWidth = (l: string) => l.trimEnd().replace(/^[ \t]+/u, '').length;
    const width = Math.max(...lines.slice(start, end + 1).map(printedWidth));
    for (let i = start; i < end; i++) {
      const line = lines[i]!.trim();
      const next = lines[i + 1]!;
      const opensAnew =
        /^[\s\u3000]/u.test(next) || ANY_HEADING.test(next.trim()) || readTurnLabel(next.trim()) !== null || printedAlone(next.trim()) || listHead(line, next.trim()) || nextGuest(line, next.trim()) || nextGuestEntry(line, next.trim());
      if (line.length >= MIN_WRAPPED_LENGTH && printedWidth(lines[i]!) >= width - 3 && !opensAnew && readTurnLabel(line)?.style !== 'alone') wrapped.add(i);
    }
    start = end + 1;
  }
  return wrapped;
}

/** A label alone on its line (`主持人 王芳：`, `【李娜】`), not a column's tag (`【圆桌】`), which heads nothing spoken, nor a byline in brackets (`【本报记者 NAME】`). */
function opensTurnAlone(line: string): boolean {
  const label = readTurnLabel(line);
  return label?.style === 'alone' && !isColumnTag(label) && !BYLINE.test(line);
}

/**
 * A line that opens with a label of its own, in colon or bracket style: a role word (`主持人：`, `问：`) or a
 * label printed at the start of another line of the source too (`NAME：` twice).
 */
function opensOwnTurn(line: string, lines: readonly string[]): boolean {
  const label = readTurnLabel(line);
  if (!label || label.style === 'alone') return false;
  if (label.roleWord !== null) return true;
  const head = line.slice(0, label.end).trim();
  return label.name !== null && looksLikePersonName(label.name) && lines.filter((l) => l.trim().startsWith(head)).length >= 2;
}

/**
 * Joins the lines of the source into paragraphs. A long line that does not end a sentence was
 * split by a page break and goes on in the next non-empty line (`一链` / `一策`, `大型AI` / `数字应用`);
 * a lone section number takes the heading on the next line; a label alone on its line (`主持人 王芳：`,
 * `【李娜】`) takes the words on the next; the lines of a hard-wrapped paragraph are joined again.
 */
export function joinSourceLines(raw: string): RawParagraph[] {
  const lines = raw.replace(/^\uFEFF/u, '').split(/\r?\n/u);
  const wrapped = wrappedLines(lines);
  const out: RawParagraph[] = [];
  let pending: RawParagraph | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    const lineNo = i + 1;
    // `【文字实录】` over `主持人：……`: a bracketed word alone on its line over a line that opens with a label of
    // its own (a role word, or a label that opens other lines too) heads the record, and takes no line as its words.
    if (pending && !LONE_SECTION_NUMBER.test(pending.text) && opensOwnTurn(line, lines)) {
      out.push(pending);
      pending = null;
    }
    if (pending) {
      const isNumber = LONE_SECTION_NUMBER.test(pending.text);
      pending.text += isNumber ? ` ${line}` : line;
      pending.sourceLines.push(lineNo);
      if (!isNumber) pending.labelAlone = true;
      out.push(pending);
      pending = null;
      continue;
    }
    if (LONE_SECTION_NUMBER.test(line) || opensTurnAlone(line)) {
      pending = { text: line, sourceLines: [lineNo] };
      continue;
    }
    const previous = out.at(-1);
    const previousLine = previous ? previous.sourceLines.at(-1)! - 1 : -1;
    const rewrapped = previous !== undefined && wrapped.has(previousLine) && previousLine === i - 1;
    const continues =
      rewrapped ||
      (previous !== undefined &&
        previous.text.length >= MIN_PROSE_LENGTH &&
        !PARAGRAPH_END.test(previous.text) &&
        !SECTION_HEADING.test(line) &&
        !ANY_HEADING.test(line) &&
        !TURN_LABEL.test(line) &&
        !printedAlone(line) &&
        !nextGuestEntry(previous.text, line) &&
        readTurnLabel(line) === null);
    if (continues) {
      // Latin on both sides of the cut (`RCEP` / `(《…`) keeps no space; only letters meeting
      // letters would need one, and the source has none of those. A number cut in two (`1` / `986年`)
      // is one number again.
      const needsSpace = /[A-Za-z0-9]$/u.test(previous.text) && /^[A-Za-z0-9]/u.test(line) && !(/[0-9]$/u.test(previous.text) && /^[0-9]/u.test(line));
      previous.text += (needsSpace ? ' ' : '') + line;
      previous.sourceLines.push(lineNo);
    } else {
      out.push({ text: line, sourceLines: [lineNo] });
    }
  }
  if (pending) out.push(pending);
  return out;
}
