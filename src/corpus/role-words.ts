import type { SpeakerRole } from './speakers.js';

/**
 * How people refer to the roles of an interview, in questions and in answers: the one place for
 * the words 主持人, 记者, 编者, 嘉宾, 专家…
 */

/** Words a question uses for each role (`主持人是谁？`, `编者按说了什么？`, `有哪些嘉宾？`). */
export const ROLE_WORDS: Readonly<Record<SpeakerRole, readonly string[]>> = {
  host: ['主持人', '主持', '记者', '采访者'],
  editor: ['编者按', '编者', '编辑', '作者'],
  expert: ['嘉宾', '专家'],
  // 记者 is the host's word in the column's interviews; a report's author is asked about by name.
  author: [],
  // Nobody: a paragraph whose speaker the parser could not decide is asked about by no word.
  unattributed: [],
};

/** The word an answer or a label uses for each role. */
export const ROLE_LABELS: Readonly<Record<SpeakerRole, string>> = { editor: '编者', host: '主持人', expert: '嘉宾', author: '记者', unattributed: '未判定' };

/** The roles a (folded) text refers to by word, in the order host, editor, expert. */
export function rolesMentioned(folded: string): SpeakerRole[] {
  return (Object.keys(ROLE_WORDS) as SpeakerRole[]).filter((role) => ROLE_WORDS[role].some((w) => folded.includes(w)));
}

/** A pattern matching any role word of the given roles. */
export function roleWordPattern(roles: readonly SpeakerRole[] = ['host', 'editor', 'expert']): RegExp {
  const words = roles.flatMap((r) => ROLE_WORDS[r]).sort((a, b) => b.length - a.length);
  return new RegExp(`(?:${words.join('|')})`, 'u');
}
