/**
 * Guest lists as papers print them: under `嘉宾简介`, `访谈嘉宾`, `本期嘉宾`, `嘉宾`, `人物简介` or a
 * `简历` preamble, one person a line with the title after a colon, a space, a comma or in brackets
 * (`李娜:某大学教授`, `李娜 某大学教授`, `李娜（某大学教授）`, `李娜，1965年生，……`), or several on
 * the label's own line (`访谈嘉宾：李娜（某大学教授）、王强（某研究院研究员）`).
 */

/** Labels a guest list is printed under, longest first. */
export const GUEST_LIST_LABELS = ['嘉宾简介', '嘉宾介绍', '访谈嘉宾', '本期嘉宾', '人物简介', '受访者', '嘉宾', '简历'] as const;

/** A person of a guest list: the name and the title as printed. */
export interface GuestEntry {
  name: string;
  title: string;
}

const LABEL = new RegExp(`^(?:${GUEST_LIST_LABELS.join('|')})\\s*(?:[:：]\\s*(.*))?$`, 'u');

/** The guest-list label a paragraph is (`访谈嘉宾：`), with what follows it on its line, or null. */
export function readGuestListLabel(text: string): { rest: string } | null {
  const match = LABEL.exec(text.trim());
  return match ? { rest: (match[1] ?? '').trim() } : null;
}

// `邱\u3000铭`, `唐  韵`: a two-character name padded with a space (or two half-width ones) to line up with three-character ones.
const NAME = '(?:[\\p{Script=Han}](?:\\u3000| {1,2})[\\p{Script=Han}](?=[\\s\\u3000（(：:，,])|[\\p{Script=Han}]{2,3}(?:·[\\p{Script=Han}]{2,6})?)';
const ENTRY_FORMS = [
  // `李娜:某大学教授`, `李娜：某大学教授` (a title holds no sentence: `李娜：我认为，……` is a turn)
  new RegExp(`^(${NAME})\\s*[:：]\\s*([^，。？！；,?!;]{1,60})$`, 'u'),
  // `李娜（某大学教授）`
  new RegExp(`^(${NAME})\\s*[（(]([^（）()]{2,60})[）)]$`, 'u'),
  // `李娜 某大学教授`, `戴明轩（嘉宾） 某大学教授`
  new RegExp(`^(${NAME})(?:[（(][^（）()]{1,8}[）)])?[\\s\\u3000]+([^，。？！；,?!;]{2,60})$`, 'u'),
  // `李娜，1965年生，……` (a 简历)
  new RegExp(`^(${NAME})[，,](.{4,})$`, 'u'),
  // `央金卓玛  乳业创始人`, `李维  乳品工程师，曾在……工作六年`: names lined up in a column (two spaces or
  // more, an ideographic space, a tab) may be four characters long, and the title a description.
  /^([\p{Script=Han}]{2,4}(?:·[\p{Script=Han}]{2,6})?)(?: {2,}|[\u3000\t])[\s\u3000]*([^\s\u3000：:].{1,79})$/u,
];

/** One guest-list line read into name and title, or null when the line is not one. */
export function readGuestEntry(text: string): GuestEntry | null {
  for (const form of ENTRY_FORMS) {
    const match = form.exec(text.trim());
    if (match) return { name: match[1]!.replace(/[\u3000 ]/gu, ''), title: match[2]!.trim() };
  }
  return null;
}

/** Several guests on one line (`李娜（某大学教授）、王强（某研究院研究员）`), or [] when it is not such a line. */
export function readGuestLine(text: string): GuestEntry[] {
  const parts = text.split(/[、；;]|\s{2,}/u).map((s) => s.trim()).filter(Boolean);
  const entries = parts.map((part) => readGuestEntry(part));
  return entries.every((e) => e !== null) ? (entries as GuestEntry[]) : [];
}
