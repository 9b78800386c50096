import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * jieba's dictionary files, read when needed and not kept. `@node-rs/jieba/dict.js` reads both
 * (5 MB of dictionary, 6 MB of IDF) when imported and keeps them for the life of the process; the
 * segmenter needs the dictionary once, to build itself, and the IDF is read once per article.
 */
const packageDir = dirname(createRequire(import.meta.url).resolve('@node-rs/jieba/dict.js'));

/** Where jieba's word dictionary (`dict.txt`: `word freq tag` a line) is. */
export function jiebaDictPath(): string {
  return join(packageDir, 'dict.txt');
}

/** jieba's word dictionary (`dict.txt`), for `Jieba.withDict`: the same bytes `dict.js` exports. */
export function readJiebaDict(): Buffer {
  return readFileSync(jiebaDictPath());
}

/** jieba's general-corpus IDF (`idf.txt`: `word idf` a line): the same bytes `dict.js` exports as `idf`. */
export function readJiebaIdf(): Buffer {
  return readFileSync(join(packageDir, 'idf.txt'));
}
