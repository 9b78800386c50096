import type { Article, ArticleParagraph } from '../corpus/parse-article.js';
import { roleWordPattern } from '../corpus/role-words.js';
import { splitSentences } from '../corpus/split-sentences.js';
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

/** The first paragraph of each speaker among `paragraphs`, in order: where each one's answer opens. */
export function firstPerSpeaker(paragraphs: readonly ArticleParagraph[]): ArticleParagraph[] {
  return paragraphs.filter((p, i) => paragraphs.findIndex((q) => q.speaker === p.speaker) === i);
}

/** The part a question names (`-1`: the last one), as a part number of the article, or null when there is no such part. */
export function partNumber(article: Article, section: number | null): number | null {
  if (section === null) return null;
  const number = section === -1 ? (article.sections.at(-1)?.number ?? null) : section;
  return article.sections.some((s) => s.number === number) ? number : null;
}

/** The heading paragraph of a numbered part, or null. */
export function partHeading(article: Article, section: number): ArticleParagraph | null {
  return article.paragraphs.find((p) => p.kind === 'heading' && p.sectionNumber === section) ?? null;
}

/**
 * The experts' turns of a part (or of the whole interview): the expert paragraphs that open with
 * the speaker's printed label, each one time someone took the floor.
 */
export function expertTurns(article: Article, section: number | null = null): ArticleParagraph[] {
  return article.paragraphs.filter((p) => p.kind === 'expert-turn' && p.labelEnd > 0 && (section === null || p.sectionNumber === section));
}

/** The host question a turn answers: the last one before it in the same part, or null. */
export function questionBefore(article: Article, turn: ArticleParagraph): ArticleParagraph | null {
  for (const p of article.paragraphs.slice(0, turn.id).reverse()) {
    if (p.kind === 'heading') return null;
    if (p.kind === 'host-question' && p.labelEnd > 0) return p;
  }
  return null;
}

/** The host questions a person answered, each with that person's turns under it, in order. */
export function questionsAnsweredBy(article: Article, speaker: string, section: number | null = null): Array<{ question: ArticleParagraph | null; turns: ArticleParagraph[] }> {
  const out: Array<{ question: ArticleParagraph | null; turns: ArticleParagraph[] }> = [];
  for (const turn of expertTurns(article, section).filter((p) => p.speaker === speaker)) {
    const question = questionBefore(article, turn);
    const last = out.at(-1);
    if (last && last.question === question) last.turns.push(turn);
    else out.push({ question, turns: [turn] });
  }
  return out;
}

/** Role words for the people of a discussion (`本报记者`, `专家学者`): the editor's note names them where it introduces it. */
const DISCUSSION_PEOPLE = roleWordPattern(['host', 'expert']);

/**
 * The sentence of the editor's note that says what the discussion is about: the one that names its
 * people by their roles (`本报记者邀请……专家学者……围绕……进行探讨`), else the note's last sentence.
 */
export function discussionSentence(article: Article): { paragraph: ArticleParagraph; start: number; end: number } | null {
  const sentences = article.editorsNote.flatMap((id) => {
    const paragraph = article.paragraphs[id]!;
    return splitSentences(paragraph.text).map((s) => ({ paragraph, start: s.start, end: s.end }));
  });
  return sentences.find((s) => DISCUSSION_PEOPLE.test(s.paragraph.text.slice(s.start, s.end))) ?? sentences.at(-1) ?? null;
}

/** Ids of the paragraphs that answer a structural question, in the order to show them; empty otherwise. */
export function structuralTargets(article: Article, intent: QuestionIntent, named: readonly string[] = [], terms: QueryTerm[] = []): number[] {
  if (intent.kind === 'people') {
    const picked = intent.matches.length > 0 ? article.people.filter((p) => intent.matches.every((m) => m.names.includes(p.name))) : [];
    const people = named.length > 0 ? article.people.filter((p) => named.includes(p.name)) : picked;
    return people.map((p) => p.paragraph);
  }
  if (intent.kind !== 'article') return [];
  const section = partNumber(article, intent.section);
  if (intent.section !== null && section === null) return [];
  const headings = () => article.sections.flatMap((s) => partHeading(article, s.number)?.id ?? []);
  switch (intent.part) {
    case 'headline':
    case 'kicker':
      return article.paragraphs.filter((p) => p.kind === intent.part).map((p) => p.id);
    case 'sections':
      return section === null ? headings() : [partHeading(article, section)?.id ?? []].flat();
    case 'editors-note':
      return [...article.editorsNote];
    case 'overview': {
      // The article's own framing, as answer-article.ts cites it: headline, the note's sentence on the discussion, headings.
      const headline = article.paragraphs.filter((p) => p.kind === 'headline').map((p) => p.id);
      const note = discussionSentence(article);
      return [...headline, ...(note ? [note.paragraph.id] : []), ...headings()];
    }
    case 'section-speakers':
      return section === null ? [] : firstPerSpeaker(expertTurns(article, section)).map((p) => p.id);
    case 'section-content': {
      if (section === null) return [];
      const openings = hostQuestions(article, section).flatMap((q) => firstPerSpeaker(answersTo(article, q)));
      return [partHeading(article, section)?.id ?? [], openings.map((p) => p.id)].flat();
    }
    case 'expert-answers':
      // Each answered question with the speaker's first turn under it: the turn first, it names who spoke.
      return intent.speakers.flatMap((speaker) => questionsAnsweredBy(article, speaker, section).flatMap(({ question, turns }) => [turns[0]!.id, ...(question ? [question.id] : [])]));
    case 'host-questions': {
      // The question the answerer picks (answer-article.ts): by its place, or by what it is about.
      const questions = hostQuestions(article, section);
      const chosen = intent.ordinal !== null ? nth(questions, intent.ordinal) : intent.byContent ? bestByTerms(questions, terms) : null;
      // `第二个问题是谁回答的`: the opening of each answer to it names who answered, then the question;
      // `谁回答了第一部分的问题`: so for each question of the part.
      const answeredBy = (q: ArticleParagraph) => [...firstPerSpeaker(answersTo(article, q)).map((p) => p.id), q.id];
      if (!chosen) return intent.ordinal !== null ? [] : intent.answeredBy ? questions.flatMap(answeredBy) : questions.map((p) => p.id);
      return intent.answeredBy ? answeredBy(chosen) : [chosen.id];
    }
  }
}
