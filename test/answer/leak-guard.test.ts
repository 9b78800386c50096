import { describe, expect, it } from 'vitest';
import { LeakGuard } from '../../src/answer/leak-guard.js';

describe('LeakGuard', () => {
  it('passes text on, holding back only what could begin the secret', () => {
    const guard = new LeakGuard('SECRET');
    const out = [guard.push('你好，'), guard.push('这是回答'), guard.flush()].join('');
    expect(out).toBe('你好，这是回答');
    expect(guard.leaked).toBe(false);
  });

  it('never lets the secret out, even split across deltas', () => {
    const guard = new LeakGuard('SECRET');
    const out = [guard.push('前文SEC'), guard.push('RE'), guard.push('T后文'), guard.flush()].join('');
    expect(guard.leaked).toBe(true);
    expect(out).not.toContain('SECRET');
    expect(out).not.toMatch(/SEC|RET/u);
  });

  it('does not split a surrogate pair', () => {
    const guard = new LeakGuard('AB');
    const out = guard.push('x😀') + guard.flush();
    expect(out).toBe('x😀');
  });
});
