import type { Article, ArticleParagraph } from '../corpus/parse-article.js';
import type { QuestionIntent } from './question-intent.js';

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

/** Ids of the paragraphs that answer a structural question, in the order to show them; empty otherwise. */
export function structuralTargets(article: Article, intent: QuestionIntent, named: readonly string[] = []): number[] {
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
      const questions = hostQuestions(article, intent.section);
      if (intent.ordinal === null) return questions.map((p) => p.id);
      const chosen = nth(questions, intent.ordinal);
      return chosen ? [chosen.id] : [];
    }
  }
}
