import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { foldText } from '../corpus/normalize-text.js';

/** The development sets in `eval/` (copied from `shared/eval/`; format in `eval/README.md`). */

const questionItem = z.object({
  id: z.string(),
  question: z.string().optional(),
  turns: z.array(z.string()).optional(),
  speakers: z.array(z.string()),
  evidence: z.array(z.string()),
  /** The kinds of question it is (`paraphrase`, `multi-turn`, `unanswerable`…); `dev.jsonl` has none. */
  tags: z.array(z.string()).optional(),
  /** The article does not answer it: the right response says so (empty `speakers` and `evidence`). */
  unanswerable: z.boolean().optional(),
});
const quoteItem = z.object({
  id: z.string(),
  quote: z.string(),
  found: z.boolean(),
  speaker: z.string().optional(),
  quoting: z.string().optional(),
});

export type QuestionItem = z.infer<typeof questionItem>;
export type QuoteItem = z.infer<typeof quoteItem>;

async function readJsonLines<T>(path: string, schema: z.ZodType<T>): Promise<T[]> {
  const text = await readFile(path, 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      const parsed = schema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${path}:${i + 1}: ${parsed.error.message}`);
      return parsed.data;
    });
}

export const loadQuestions = (path: string) => readJsonLines(path, questionItem);
export const loadQuotes = (path: string) => readJsonLines(path, quoteItem);

/** The user turns of an item, oldest first (a single question is one turn). */
export function userTurns(item: QuestionItem): string[] {
  return item.turns ?? (item.question ? [item.question] : []);
}

/** True when the article answers the item (it has evidence and is not marked unanswerable). */
export function isAnswerable(item: QuestionItem): boolean {
  return item.unanswerable !== true && item.evidence.length > 0;
}

/** True when a text contains any evidence string, compared as the eval README says (NFKC, no white space). */
export function containsEvidence(text: string, evidence: string[]): boolean {
  const folded = foldText(text);
  return evidence.some((e) => folded.includes(foldText(e)));
}
