/**
 * Keeps a secret (the canary planted in the system prompt) out of streamed output. Text is passed
 * on with its last `secret.length - 1` characters held back, so the secret can never get out in
 * pieces across deltas; once the secret shows up, `leaked` is true and nothing more is passed on.
 */
export class LeakGuard {
  private pending = '';
  private seen = '';
  leaked = false;

  constructor(private readonly secret: string) {}

  /** Takes a delta; returns the text that is safe to send now (possibly ""). */
  push(delta: string): string {
    if (this.leaked) return '';
    this.seen += delta;
    if (this.secret && this.seen.includes(this.secret)) {
      this.leaked = true;
      this.pending = '';
      return '';
    }
    this.pending += delta;
    const keep = Math.max(0, this.secret.length - 1);
    if (this.pending.length <= keep) return '';
    // Never split a surrogate pair between what is sent and what is held back.
    let cut = this.pending.length - keep;
    const code = this.pending.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut--;
    const out = this.pending.slice(0, cut);
    this.pending = this.pending.slice(cut);
    return out;
  }

  /** The held-back rest, once the stream has ended without a leak. */
  flush(): string {
    if (this.leaked) return '';
    const out = this.pending;
    this.pending = '';
    return out;
  }
}
