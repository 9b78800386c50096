import { Jieba } from '@node-rs/jieba';
import { describe, expect, it } from 'vitest';
import { jiebaDictPath, readJiebaDict } from '../../src/index/jieba-files.js';
import { CompactDictionary, Segmenter } from '../../src/index/segmenter.js';
import {
  articleParagraphs,
  evalQuestions,
  gluedDictionaryWords,
  random,
  randomStrings,
} from '../support/segmenter-parity-inputs.js';

/**
 * The compact segmenter gives exactly `@node-rs/jieba`'s words and tags (built with dict.txt, HMM
 * on) for the three calls the product makes. A fixed sample here; `npx tsx
 * scripts/segmenter-parity.ts` compares on every input (all the dictionary's words, 400k random
 * strings).
 */
describe('compact segmenter', () => {
  const native = Jieba.withDict(readJiebaDict());
  const ours = Segmenter.fromDict(readJiebaDict());
  const dictText = readJiebaDict().toString('utf8');
  const rand = random(2026);
  const glued = gluedDictionaryWords(dictText, rand, 6_000);
  const sets: [string, string[]][] = [
    [
      'hand-picked texts',
      [
        '',
        ' ',
        '\r\n',
        'a\r\nb\r\r\n\n',
        '我们中出了一个叛徒👪',
        '他来到了网易杭研大厦',
        '南京市长江大桥',
        '小明硕士毕业于中国科学院计算所，后在日本京都大学深造',
        // Several runs for the HMM in one text (they are cut in one call).
        '杭研和网易杭研大厦，新质生产力，昆仑山口的柴达木盆地盐湖提锂，新质生产力青海盐湖所',
        'ＡＢＣ１２３ abc123 3.14% C++ C# R&D e-mail x_y 𠀀𦡦䶵豈 們國與東',
        '\ufeff\u0085\u00a0\u3000\u200b\t\v\f',
        // Lone surrogates.
        '新质\ud800生产力\udc00青海\ud83d',
      ],
    ],
    ['article paragraphs and lines', articleParagraphs()],
    ['eval questions', evalQuestions()],
    ['dictionary words glued in pairs and triples', glued],
    ['random strings', randomStrings(3_000, rand)],
    ['random strings with dictionary words', randomStrings(3_000, rand, glued)],
  ];

  for (const [name, texts] of sets) {
    it(`gives jieba's cut, cutForSearch and tag on ${name}`, () => {
      expect(texts.length).toBeGreaterThan(0);
      const differences: string[] = [];
      for (const text of texts) {
        if (JSON.stringify(ours.cut(text)) !== JSON.stringify(native.cut(text, true))) differences.push(`cut ${JSON.stringify(text)}`);
        if (JSON.stringify(ours.cutForSearch(text)) !== JSON.stringify(native.cutForSearch(text, true))) {
          differences.push(`cutForSearch ${JSON.stringify(text)}`);
        }
        if (JSON.stringify(ours.tag(text)) !== JSON.stringify(native.tag(text, true))) differences.push(`tag ${JSON.stringify(text)}`);
      }
      expect(differences.slice(0, 5)).toEqual([]);
    });
  }

  it('builds from an unsorted dictionary with a word repeated as jieba does', () => {
    const dict = Buffer.from('青海 30 ns\n生产力 50 n\n新质 5 a\n生产 40 vn\n青海 60 nr\n新质生产力 3 l\n力 20 n\n产 2\n');
    const nativeSmall = Jieba.withDict(dict);
    const oursSmall = Segmenter.fromDict(dict);
    for (const text of ['青海发展新质生产力', '新质生产力在青海', '生产力生产 新质', '产力青海']) {
      expect(oursSmall.cut(text)).toEqual(nativeSmall.cut(text, true));
      expect(oursSmall.cutForSearch(text)).toEqual(nativeSmall.cutForSearch(text, true));
      expect(oursSmall.tag(text)).toEqual(nativeSmall.tag(text, true));
    }
  });

  it('reads dict.txt in chunks into the same arrays as from its bytes', () => {
    const fromFile = CompactDictionary.fromFile(jiebaDictPath());
    const fromBytes = CompactDictionary.fromBytes(readJiebaDict());
    expect(fromFile.size).toBe(349_045);
    const bytesOf = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    for (const key of ['units', 'starts', 'probIndex', 'logProbs', 'tags', 'byFirst', 'pairsByFirst', 'pairSecond', 'pairLo'] as const) {
      expect(bytesOf(fromFile[key]).equals(bytesOf(fromBytes[key])), key).toBe(true);
    }
    expect(fromFile.tagNames).toEqual(fromBytes.tagNames);
    expect(fromFile.logTotal).toBe(fromBytes.logTotal);
  });
});
