import { readFileSync } from 'node:fs';
import { parseArticle } from './src/corpus/parse-article.js';
const a = parseArticle(readFileSync(process.argv[2]!, 'utf8'));
const p = a.paragraphs[Number(process.argv[3])]!;
console.log(p.speaker, JSON.stringify(p.speeches?.map((s) => [s.speaker, s.method, p.text.slice(s.start, s.end)])), JSON.stringify(p.openSpeeches));
