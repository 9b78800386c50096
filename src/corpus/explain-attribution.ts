import type { Article } from './article.js';
import { LAYOUTS } from './layouts.js';

/** How many characters of a paragraph the review shows. */
const EXCERPT_CHARS = 24;

/**
 * The attribution review of an article, one line a paragraph, for the editor who adds it
 * (`npm run ingest -- --explain FILE`): the layout chosen and its score, then each paragraph's id,
 * speaker, role, how the speaker was decided and how surely, and its opening words; then the doubts
 * and, when the article would be refused, why.
 */
export function explainAttribution(article: Article, refusal: string | null): string[] {
  const layout = LAYOUTS.find((l) => l.name === article.layout.name);
  const lines = [
    `layout ${article.layout.name} (${article.genre}; ${layout?.summary ?? ''})`,
    `score ${article.layout.score}: ${pct(article.layout.labelledShare)} of the labelled paragraphs read as turns, ${pct(article.layout.attributedShare)} of all paragraphs with a speaker`,
    `title ${article.title}; interviewers ${article.interviewers.join('、') || '-'}; interviewees ${article.interviewees.join('、') || '-'}`,
    '',
  ];
  const doubted = new Set(article.doubts.map((d) => d.paragraph));
  for (const p of article.paragraphs) {
    const { method, confidence, label } = p.attribution;
    const excerpt = p.text.length > EXCERPT_CHARS ? `${p.text.slice(0, EXCERPT_CHARS)}…` : p.text;
    lines.push(
      `${doubted.has(p.id) ? '?' : ' '}${String(p.id).padStart(3)}  ${p.speaker}/${p.role}  ${method} ${confidence.toFixed(2)}${label ? ` [${label}]` : ''}  ${p.kind}  ${excerpt}`,
    );
  }
  lines.push('');
  if (article.doubts.length === 0) lines.push('doubts: none');
  for (const d of article.doubts) lines.push(`doubt (${d.reason}) ${d.paragraph === null ? '' : `paragraph ${d.paragraph}: `}${d.message}`);
  lines.push(refusal ? `verdict: refused: ${refusal}` : article.doubts.length > 0 ? `verdict: served, with ${article.doubts.length} doubt(s) marked` : 'verdict: served');
  return lines;
}

function pct(share: number): string {
  return `${Math.round(share * 100)}%`;
}
