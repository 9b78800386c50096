import { foldCharacter } from '../corpus/normalize-text.js';

/**
 * What the prompts in `prompts/` look like once white space, punctuation, width, script and case
 * are folded away: every window of {@link ECHO_WINDOW} folded characters of their text. A model that
 * repeats its instructions — verbatim, spaced out (`Q H - C A N A R Y`), in Traditional characters,
 * or just the rules without the marker line — produces one of these windows within a few characters
 * of starting to, while an answer built from the article does not: windows that also occur in the
 * article, and texts the prompts quote as examples of an answer (`"这篇访谈没有谈到这个问题"`), are
 * left out, as are the placeholders' values (titles and names are article data).
 */

/** Folded characters in a phrase window: long enough to be distinctive, short enough to catch an echo early. */
export const ECHO_WINDOW = 8;

/** Placeholders and quoted examples: the prompt text around them is split there and they are left out. */
const NOT_PROMPT_TEXT = /\{\{\w+\}\}|"[^"\n]{0,80}"|“[^”\n]{0,80}”|「[^」\n]{0,80}」/gu;

const WORD_CHARACTER = /[\p{L}\p{N}]/u;

/** Folds one character for echo matching: as {@link foldCharacter}, keeping letters and digits only. */
export function foldForEcho(ch: string): string {
  let out = '';
  for (const c of foldCharacter(ch)) if (WORD_CHARACTER.test(c)) out += c;
  return out;
}

/** Folds a text for echo matching (see {@link foldForEcho}). */
export function foldTextForEcho(text: string): string {
  let out = '';
  for (const ch of text) out += foldForEcho(ch);
  return out;
}

export interface PromptFingerprintOptions {
  /** Folded characters per window; default {@link ECHO_WINDOW}. */
  window?: number;
  /** Text an honest answer may repeat (the article): windows found in it are not distinctive. */
  ordinaryText?: string;
}

/** The distinctive phrase windows of a set of prompts; see the module comment. */
export class PromptFingerprint {
  readonly window: number;
  private readonly windows: Set<string>;

  private constructor(window: number, windows: Set<string>) {
    this.window = window;
    this.windows = windows;
  }

  /**
   * Builds the fingerprint of prompt texts (templates with `{{placeholders}}`, or literal texts such
   * as the canary line).
   *
   * @example PromptFingerprint.fromPrompts(Object.values(prompts), { ordinaryText: article.text })
   */
  static fromPrompts(texts: readonly string[], options: PromptFingerprintOptions = {}): PromptFingerprint {
    const window = options.window ?? ECHO_WINDOW;
    const ordinary = options.ordinaryText ? foldTextForEcho(options.ordinaryText) : '';
    const windows = new Set<string>();
    for (const text of texts) {
      for (const segment of text.split(NOT_PROMPT_TEXT)) {
        const folded = foldTextForEcho(segment);
        for (let i = 0; i + window <= folded.length; i++) {
          const w = folded.slice(i, i + window);
          if (!ordinary.includes(w)) windows.add(w);
        }
      }
    }
    return new PromptFingerprint(window, windows);
  }

  /** How many distinct windows there are (0: the fingerprint matches nothing). */
  get size(): number {
    return this.windows.size;
  }

  /** True when a folded window of exactly {@link window} characters is a prompt's. */
  hasWindow(folded: string): boolean {
    return this.windows.has(folded);
  }

  /** The first prompt window found in a text (folded), or null when the text repeats no prompt. */
  find(text: string): string | null {
    const folded = foldTextForEcho(text);
    for (let i = 0; i + this.window <= folded.length; i++) {
      const w = folded.slice(i, i + this.window);
      if (this.windows.has(w)) return w;
    }
    return null;
  }
}
