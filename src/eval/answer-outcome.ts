/**
 * Whether a chat response answers or declines: the one place the evaluation decides it, so that
 * when `/api/chat` gains a `coverage` field (`answered`, `related`, `none`) only this file changes.
 */

/** The article's coverage of a question, as a future `coverage` field in `/api/chat` will say it. */
export type Coverage = 'answered' | 'related' | 'none';

/** The part of a chat response the decision reads. */
export interface AnswerOutcomeInput {
  kind: string;
  coverage?: Coverage | string | null;
}

/**
 * True when the response declines to answer: coverage `related` or `none` when the response has a
 * `coverage` field, otherwise kind `not_covered` (today's "这篇访谈没有谈到这个问题").
 */
export function isDeclined(response: AnswerOutcomeInput): boolean {
  if (response.coverage !== undefined && response.coverage !== null) return response.coverage !== 'answered';
  return response.kind === 'not_covered';
}
