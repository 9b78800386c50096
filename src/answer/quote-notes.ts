import type { AnswerWarning } from './answer-types.js';

/**
 * The reader's note on a model's quotations, in Chinese, for clients that show only the message
 * text (`/v1` content, the terminal): every quotation the article does not have word for word, and
 * every one credited to the wrong person, with who said it.
 */
export function quoteWarningNote(warnings: readonly AnswerWarning[] | undefined): string {
  const lines: string[] = [];
  for (const w of warnings ?? []) {
    if (w.type === 'unverified_quote') lines.push(`- “${w.text}”：访谈原文中没有这句原话，请勿当作引文。`);
    else if (w.type === 'misattributed_quote') lines.push(`- “${w.text}”：原文是${w.speaker}说的，不是${w.claimed}。`);
  }
  return lines.length > 0 ? `\n\n核对提示：\n${lines.join('\n')}` : '';
}
