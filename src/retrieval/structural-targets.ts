import type { Article, ArticleParagraph } from '../corpus/parse-article.js';
import type { QuestionIntent } from './question-intent.js';
import { coverage, type QueryTerm } from './weigh-terms.js';

/**
 * The paragraphs a question about people or about the article itself is answered by, read from the
 * parsed structure (paragraph `kind`, `sections`, `people`) rather than searched for: the guest-list
 * lines of the people it picks, the headline, the kicker, the parts' headings, the host's questions,
 * the editor's note. Retrieval puts them first; the answerers quote them.
 */

/** The host's question paragraphs (the ones that open a host turn), in order; one part's when given. */
export function hostQuestions(article: Article, section: number | null = null): ArticleParagraph[] {
  return article.paragraphs.filter((p) => p.kind === 'host-question' && p.labelEnd > 0 && (section === null || p.sectionNumber === section));
}

/** Picks the Nth (1-based; -1 the last) of a list, or null when there is no such item. */
export function nth<T>(items: readonly T[], ordinal: number): T | null {
  return (ordinal === -1 ? items.at(-1) : items[ordinal - 1]) ?? null;
}

/** The paragraph the question's terms cover most, or null when none shares a term. */
export function bestByTerms(paragraphs: readonly ArticleParagraph[], terms: QueryTerm[]): ArticleParagraph | null {
  let best: { p: ArticleParagraph; score: number } | null = null;
  for (const p of paragraphs) {
    const score = coverage(p.text, terms, { presenceOnly: true });
    if (score > 0 && (!best || score > best.score)) best = { p, score };
  }
  return best?.p ?? null;
}

/** The expert paragraphs that answer a host question: up to the next question or heading. */
export function answersTo(article: Article, question: ArticleParagraph): ArticleParagraph[] {
  const out: ArticleParagraph[] = [];
  for (const p of article.paragraphs.slice(question.id + 1)) {
    if (p.kind !== 'expert-turn') break;
    out.push(p);
  }
  return out;
}

/** Ids of the paragraphs that answer a structural question, in the order to show them; empty otherwise. */
export function structuralTargets(article: Article, intent: QuestionIntent, named: readonly string[] = [], terms: QueryTerm[] = []): number[] {
  if (intent.kind === 'people') {
    const picked = intent.matches.length > 0 ? article.people.filter((p) => intent.matches.every((m) => m.names.includes(p.name))) : [];
    const people = named.length > 0 ? article.people.filter((p) => named.includes(p.name)) : picked;
    return people.map((p) => p.paragraph);
  }
  if (intent.kind !== 'article') return [];
  switch (intent.part) {
    case 'headline':
    case 'kicker':
      return article.paragraphs.filter((p) => p.kind === intent.part).map((p) => p.id);
    case 'sections':
      return article.paragraphs
        .filter((p) => p.kind === 'heading' && p.sectionNumber > 0 && (intent.section === null || p.sectionNumber === intent.section))
        .map((p) => p.id);
    case 'editors-note':
      return [...article.editorsNote];
    case 'host-questions': {
      // The question the answerer picks (answer-article.ts): by its place, or by what it is about.
      const questions = hostQuestions(article, intent.section);
      const chosen = intent.ordinal !== null ? nth(questions, intent.ordinal) : intent.byContent ? bestByTerms(questions, terms) : null;
      if (!chosen) return intent.ordinal === null ? questions.map((p) => p.id) : [];
      if (!intent.answeredBy) return [chosen.id];
      // `第二个问题是谁回答的`: the opening of each answer to it names who answered, then the question.
      const answers = answersTo(article, chosen);
      const openings = answers.filter((p, i) => answers.findIndex((q) => q.speaker === p.speaker) === i);
      return [...openings.map((p) => p.id), chosen.id];
    }
  }
}
