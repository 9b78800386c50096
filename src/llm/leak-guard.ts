import { foldForEcho, type PromptFingerprint } from './prompt-fingerprint.js';

/**
 * Keeps the prompts out of streamed output. Every character is folded as it arrives and the window
 * of folded characters ending there is looked up in the prompts' {@link PromptFingerprint} (the
 * canary line included). Text is passed on with its last `window - 1` folded characters held back,
 * so the first window of an echo is never sent, whether it comes whole or letter by letter; once a
 * window matches, `leaked` is true and nothing more is passed on.
 */
export class LeakGuard {
  /** Held-back code points, each with how many folded characters it made. */
  private pending: Array<{ text: string; folded: number }> = [];
  private pendingFolded = 0;
  /** The last `window` folded characters seen (sent or held back). */
  private tail = '';
  /** The matching window, once the output has repeated a prompt. */
  match: string | null = null;

  constructor(private readonly fingerprint: PromptFingerprint) {}

  get leaked(): boolean {
    return this.match !== null;
  }

  /** Takes a delta; returns the text that is safe to send now (possibly ""). */
  push(delta: string): string {
    if (this.leaked) return '';
    const size = this.fingerprint.window;
    // Code points, so a surrogate pair is never split between what is sent and what is held back.
    for (const ch of delta) {
      const folded = foldForEcho(ch);
      for (const c of folded) {
        this.tail = (this.tail + c).slice(-size);
        if (this.tail.length === size && this.fingerprint.hasWindow(this.tail)) {
          this.match = this.tail;
          this.pending = [];
          this.pendingFolded = 0;
          return '';
        }
      }
      this.pending.push({ text: ch, folded: folded.length });
      this.pendingFolded += folded.length;
    }
    let out = '';
    let cut = 0;
    while (cut < this.pending.length && this.pendingFolded - this.pending[cut]!.folded >= size - 1) {
      out += this.pending[cut]!.text;
      this.pendingFolded -= this.pending[cut]!.folded;
      cut++;
    }
    this.pending = this.pending.slice(cut);
    return out;
  }

  /** The held-back rest, once the stream has ended without a leak. */
  flush(): string {
    if (this.leaked) return '';
    const out = this.pending.map((p) => p.text).join('');
    this.pending = [];
    this.pendingFolded = 0;
    return out;
  }
}
