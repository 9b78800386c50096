/**
 * The quote checker: one product of three (answer, check, llm). It owns finding a quotation in the
 * article (verbatim, altered or not there, and who said it: `QuoteVerifier`) and checking a whole
 * text written about an article (every quotation, who the text credits it to, and whether that is
 * right: `TextChecker`).
 *
 * May import: `src/corpus/` only. Everything outside this folder imports it through this file; the
 * files beside it are its internals.
 */
export {
  summarizeCheck,
  textCheckerFor,
  TextChecker,
  type TextCheck,
  type Attribution,
  type CheckedQuotation,
  type CheckedTerm,
  type CheckSummary,
  type CheckTextResult,
  type QuotationChange,
  type QuotationSource,
  type QuotationStatus,
  type TextCheckerOptions,
} from './check-text.js';
export {
  ALTERED_MIN_LENGTH,
  ALTERED_MIN_SCORE,
  QuoteVerifier,
  trimQuote,
  type NearestPassage,
  type QuoteLocation,
  type TurnMatch,
  type VerifyResult,
  type VerifyStatus,
} from './verify-quote.js';
export type { ChangeKind, PassageChange } from './closest-passage.js';
export { distinctPairs, LibraryPairs, MAX_RANKED_PAIRS, type PairPostingsSource, type RankQuotationOptions } from './library-pairs.js';
