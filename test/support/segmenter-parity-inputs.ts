import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom as random } from './seeded-random.js';
export { random };

/**
 * Texts on which the compact segmenter (src/index/segmenter.ts) is compared with `@node-rs/jieba`:
 * the project's articles by paragraph, its questions, the dictionary's words glued in pairs and
 * triples, and random strings mixing scripts, punctuation, white space and emoji.
 */

const ROOT = join(import.meta.dirname, '..', '..');


function walk(dir: string, keep: (path: string) => boolean, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, keep, out);
    else if (keep(path)) out.push(path);
  }
  return out;
}

/** Every paragraph (text between blank lines, and each line too) of the project's article texts. */
export function articleParagraphs(): string[] {
  const files = [
    ...walk(join(ROOT, 'corpus'), (p) => p.endsWith('.txt')),
    ...readdirSync(join(ROOT, 'eval'))
      .filter((d) => d.startsWith('layouts'))
      .flatMap((d) => walk(join(ROOT, 'eval', d, 'articles'), (p) => p.endsWith('.txt'))),
    ...walk(join(ROOT, 'test', 'fixtures'), (p) => p.endsWith('.txt')),
  ];
  const out = new Set<string>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const para of text.split(/\n\s*\n/)) if (para.trim()) out.add(para);
    for (const line of text.split('\n')) if (line.trim()) out.add(line);
  }
  return [...out];
}

function stringsNamed(value: unknown, names: Set<string>, out: Set<string>, named = false): void {
  if (typeof value === 'string') {
    if (named) out.add(value);
  } else if (Array.isArray(value)) {
    for (const v of value) stringsNamed(v, names, out, named);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) stringsNamed(v, names, out, names.has(k));
  }
}

/** Every question (and quoted evidence) of eval/*.jsonl, eval/layouts*\/questions.jsonl and eval/reader/*\/questions.jsonl. */
export function evalQuestions(): string[] {
  const files = [
    ...readdirSync(join(ROOT, 'eval'))
      .filter((f) => f.endsWith('.jsonl'))
      .map((f) => join(ROOT, 'eval', f)),
    ...walk(join(ROOT, 'eval'), (p) => p.endsWith('questions.jsonl')),
  ];
  const out = new Set<string>();
  const names = new Set(['question', 'questions', 'evidence', 'text', 'turns', 'content']);
  for (const file of files) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      stringsNamed(JSON.parse(line), names, out);
    }
  }
  return [...out];
}

/** The dictionary's words, shuffled and glued in pairs and triples (each word once). */
export function gluedDictionaryWords(dictText: string, rand: () => number, limit = Infinity): string[] {
  const words = dictText
    .split('\n')
    .map((l) => l.split(' ')[0] ?? '')
    .filter(Boolean);
  for (let i = words.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [words[i], words[j]] = [words[j]!, words[i]!];
  }
  const out: string[] = [];
  for (let i = 0; i < words.length && out.length < limit; ) {
    const k = rand() < 0.5 ? 2 : 3;
    out.push(words.slice(i, i + k).join(''));
    i += k;
  }
  return out;
}

const POOLS: string[][] = [
  // Common simplified characters and words' characters.
  [...'的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞'],
  [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'],
  [...'0123456789'],
  [...'+#&._%-!"\'()*,/:;<=>?@[\\]^`{|}~$'],
  [...'，。、；：！？“”‘’（）《》【】—…·「」『』〔〕'],
  // Full-width forms.
  Array.from({ length: 0x5e }, (_, i) => String.fromCharCode(0xff01 + i)),
  // White space, some of which JavaScript and Rust class differently.
  [' ', '  ', '\t', '\n', '\r\n', '\r', '\u3000', '\u00a0', '\u0085', '\ufeff', '\u2003', '\u200b', '\v', '\f'],
  // Traditional characters.
  [...'們國與東車開關經濟發展產業裡這為會對說時還處應當來長門問間實現體質軍隊師氣樂書義議讀認識電話網絡計劃歷史學習'],
  // Emoji and other astral characters, CJK extension A/B and compatibility ideographs.
  ['😀', '👪', '🇨🇳', '👍🏽', '❤️', '🚀', '𠀀', '𦡦', '𪚥', '䶵', '㐀', '豈', '﨎', '〇', '々', 'ー', 'ａ', '①', '½', 'é', 'ß', 'Ω', 'д', '\ud800', '\udc00', '\ud83d'],
];

/** Random strings of 1 to 40 pieces drawn from the pools above. */
export function randomStrings(count: number, rand: () => number, words: string[] = []): string[] {
  const out: string[] = [];
  for (let k = 0; k < count; k++) {
    const len = 1 + Math.floor(rand() * 40);
    let s = '';
    for (let i = 0; i < len; i++) {
      if (words.length && rand() < 0.25) {
        s += words[Math.floor(rand() * words.length)];
        continue;
      }
      const pool = POOLS[Math.floor(rand() * POOLS.length)]!;
      s += pool[Math.floor(rand() * pool.length)];
    }
    out.push(s);
  }
  return out;
}
