import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import { assignFolds, crossValidate, fnv1a, tuneCheckSplit } from '../../src/eval/k-fold.js';

interface Tagged { id: string; tags: string[] }
const wide: Tagged[] = readFileSync(resolve(PROJECT_ROOT, 'eval/dev-wide.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as Tagged);

const count = (items: Tagged[], tag: string) => items.filter((i) => i.tags.includes(tag)).length;

describe('fnv1a', () => {
  it('is the 32-bit FNV-1a hash', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
  });
});

describe('tuneCheckSplit', () => {
  it('splits dev-wide the same way every time, whatever the input order', () => {
    const a = tuneCheckSplit(wide);
    const b = tuneCheckSplit([...wide].reverse());
    expect(b.tune.map((i) => i.id).sort()).toEqual(a.tune.map((i) => i.id).sort());
    expect(a.tune.map((i) => i.id).slice(0, 5)).toEqual(tuneCheckSplit(wide).tune.map((i) => i.id).slice(0, 5));
  });

  it('puts every item in exactly one half, and the halves differ in size by at most one', () => {
    const { tune, check } = tuneCheckSplit(wide);
    const ids = [...tune, ...check].map((i) => i.id);
    expect(new Set(ids).size).toBe(wide.length);
    expect(ids.length).toBe(wide.length);
    expect(Math.abs(tune.length - check.length)).toBeLessThanOrEqual(1);
  });

  it('balances each first tag within one item, and leaves no common tag in one half only', () => {
    const { tune, check } = tuneCheckSplit(wide);
    for (const first of new Set(wide.map((i) => i.tags[0]!))) {
      const inTune = tune.filter((i) => i.tags[0] === first).length;
      const inCheck = check.filter((i) => i.tags[0] === first).length;
      expect(Math.abs(inTune - inCheck), first).toBeLessThanOrEqual(1);
    }
    for (const tag of ['unanswerable', 'multi-turn', 'paraphrase', 'editor-host', 'people', 'list']) {
      expect(count(tune, tag), tag).toBeGreaterThan(0);
      expect(count(check, tag), tag).toBeGreaterThan(0);
    }
    expect(count(tune, 'unanswerable')).toBe(count(check, 'unanswerable'));
  });
});

describe('assignFolds', () => {
  it('deals k folds that differ in size by at most one', () => {
    const items = Array.from({ length: 23 }, (_, i) => ({ id: `x${i}` }));
    const folds = assignFolds(items, 5, { id: (i) => i.id });
    const sizes = [0, 1, 2, 3, 4].map((f) => [...folds.values()].filter((v) => v === f).length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  });

  it('rejects k below 2 and repeated ids', () => {
    expect(() => assignFolds([{ id: 'a' }], 1, { id: (i) => i.id })).toThrow(RangeError);
    expect(() => assignFolds([{ id: 'a' }, { id: 'a' }], 2, { id: (i) => i.id })).toThrow(/duplicate id a/);
  });
});

describe('crossValidate', () => {
  // A one-threshold decision on a score: items ≥ 0.5 are 'yes'. The fitted threshold is the mean
  // score of the training 'yes' items minus a margin, so the model depends on what it is fitted on.
  const items = Array.from({ length: 20 }, (_, i) => ({ id: `q${i}`, score: i / 19, gold: (i / 19 >= 0.5 ? 'yes' : 'no') as 'yes' | 'no' }));

  it('predicts every item once, from a model fitted without it', () => {
    const seen: string[][] = [];
    const cv = crossValidate(items, {
      k: 4,
      id: (i) => i.id,
      labels: ['yes', 'no'] as const,
      actual: (i) => i.gold,
      fit: (training) => {
        seen.push(training.map((t) => t.id));
        return 0.5;
      },
      predict: (threshold, item) => {
        expect(seen.at(-1)).not.toContain(item.id);
        return item.score >= threshold ? 'yes' : 'no';
      },
    });
    expect(seen).toHaveLength(4);
    expect(cv.predictions.size).toBe(items.length);
    expect(cv.matrix).toEqual({ yes: { yes: 10, no: 0 }, no: { yes: 0, no: 10 } });
    expect(cv.accuracy).toBe(1);
  });

  it('counts wrong predictions off the diagonal', () => {
    const cv = crossValidate(items, {
      k: 2,
      id: (i) => i.id,
      labels: ['yes', 'no'] as const,
      actual: (i) => i.gold,
      fit: () => 0.8,
      predict: (threshold, item) => (item.score >= threshold ? 'yes' : 'no'),
    });
    // Scores 10/19 … 15/19 are 'yes' but fall below 0.8.
    expect(cv.matrix.yes.no).toBe(6);
    expect(cv.matrix.yes.yes).toBe(4);
    expect(cv.accuracy).toBeCloseTo(14 / 20);
  });
});
