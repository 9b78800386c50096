import { pointMarkers } from '../corpus/enumerated-points.js';
import { foldText } from '../corpus/normalize-text.js';
import type { Chunk } from '../index/chunk-paragraphs.js';
import type { SearchIndex } from '../index/load-index.js';
import { fuseRankings } from './fuse-rankings.js';
import { LexicalIndex, type WeightedWord } from './lexical-search.js';
import { QuestionAnalyzer, type QuestionAnalysis } from './analyze-question.js';
import { definitionPattern } from './question-intent.js';
import { ParagraphBigramRanker } from './paragraph-bigram-ranker.js';
import { structuralTargets } from './structural-targets.js';

export interface RetrieveOptions {
  /** How many passages to return (after overlapping windows are merged away). */
  k: number;
  /** Only this speaker's passages. */
  speaker?: string | null;
  /** Prefer these speakers' passages (a follow-up about an expert named earlier). */
  preferSpeakers?: string[];
}

export const DEFAULT_RETRIEVE_OPTIONS: RetrieveOptions = { k: 5 };

/** Weights of the rankings in the reciprocal-rank fusion. */
export interface FusionWeights {
  vector: number;
  lexical: number;
  /** Whole paragraphs by shared character bigrams ({@link ParagraphBigramRanker}). */
  paragraphBigrams: number;
}

/**
 * Chosen on the tune half of `dev-wide.jsonl` (a grid over 0–2 for each weight), among the weights
 * that keep `dev.jsonl` at hit@5 and speaker@1 1.00: a heavier bigram ranker finds more paraphrases
 * but puts a long paragraph that repeats the question's common words (发展, 生产力) above the
 * expert who answers it. The check half agreed (hit@5 0.87 → 0.89, MRR 0.78 → 0.82).
 */
export const DEFAULT_FUSION_WEIGHTS: FusionWeights = { vector: 1, lexical: 1, paragraphBigrams: 0.5 };

/**
 * Pseudo-relevance feedback (RM3-style): the most telling words of the first passages found are
 * added to the query at a lower weight, and the rankings are made again.
 */
export interface FeedbackOptions {
  /** How many passages of the first ranking give words. */
  passages: number;
  /** How many words are added. */
  words: number;
  /** Weight of the best added word relative to a query word; the others in proportion to their score. */
  weight: number;
  /** Which rankers see the added words: the lexical one only, or all three. */
  rankers: 'lexical' | 'all';
}

/** A passage's lexical score plus a share of its context's: neighbours in the paragraph, or the paragraph's own BM25. */
export interface LexicalContextOptions {
  source: 'neighbours' | 'paragraph';
  weight: number;
}

export interface RetrieverOptions {
  fusionWeights: FusionWeights;
  /** The reciprocal-rank fusion constant. */
  fusionK: number;
  feedback: FeedbackOptions | null;
  lexicalContext: LexicalContextOptions | null;
}

export const DEFAULT_RETRIEVER_OPTIONS: RetrieverOptions = {
  fusionWeights: DEFAULT_FUSION_WEIGHTS,
  fusionK: 60,
  feedback: null,
  lexicalContext: null,
};

/** What the three rankers found for one query. */
interface Rankings {
  vectorIds: number[];
  similarity: Map<number, number>;
  lexicalHits: Array<{ index: number; score: number }>;
  /** Own BM25 of each passage the lexical ranker found. */
  lexicalScore: Map<number, number>;
  bigramIds: number[];
}

/** A passage found for a query, as `GET /api/search` returns it. */
export interface RetrievedPassage extends Omit<Chunk, 'searchText'> {
  /** Fused relevance, higher is better; comparable within one result list. */
  score: number;
  /** Cosine similarity of the passage to the query (1 − HNSW's cosine distance). */
  similarity: number;
  /** BM25 score of the passage, 0 when no query word occurs in it. */
  lexicalScore: number;
}

export interface RetrieveResult {
  passages: RetrievedPassage[];
  /** Speakers the query names (`李娜怎么看…`), whose passages were preferred. */
  mentionedSpeakers: string[];
}

/** Boost for passages of a speaker the question names: it prefers them, it does not filter. */
const MENTIONED_SPEAKER_BOOST = 2;
/** Boost for the guest list on "who is" questions, and for the sentence that defines a term. */
const INTENT_BOOST = 2;
/** Host questions and editor headings restate questions; people want the experts' answers first. */
const FRAMING_PENALTY = 0.6;
/**
 * A host question or editor's line holding this many of the question's content words that no
 * expert's answer uses is not a restatement of an answer: only the framing says it (the host quoting
 * the government work report, the headline), so it is not penalised.
 */
const FRAMING_OWN_TERMS = 2;
/** Below this similarity and with no shared word, a passage is noise, not an answer. */
const MIN_SIMILARITY_WITHOUT_WORDS = 0.08;


/**
 * Hybrid retrieval: HNSW vector search and BM25 over jieba words, fused by reciprocal rank.
 * Overlapping windows of one paragraph are merged away (the better ranked one stays).
 */
export class Retriever {
  readonly lexical: LexicalIndex;
  /** Reads questions with this index's term weights. */
  readonly analyzer: QuestionAnalyzer;
  private readonly labelById: Map<string, number>;
  private readonly paragraphBigrams: ParagraphBigramRanker;
  /** The experts' answers, folded: words a framing passage shares with none of them are its own. */
  private readonly expertAnswers: string;
  private readonly opts: RetrieverOptions;
  /** BM25 over whole paragraphs, for {@link LexicalContextOptions} `paragraph`. */
  private readonly paragraphLexical: LexicalIndex | null;

  constructor(
    readonly index: SearchIndex,
    options: Partial<RetrieverOptions> = {},
  ) {
    this.opts = { ...DEFAULT_RETRIEVER_OPTIONS, ...options } satisfies RetrieverOptions;
    this.lexical = new LexicalIndex(index.chunks.map((c) => c.searchText));
    const paragraphs = index.article.paragraphs;
    this.paragraphLexical = this.opts.lexicalContext?.source === 'paragraph' ? new LexicalIndex(paragraphs.map((p) => p.text)) : null;
    this.paragraphBigrams = new ParagraphBigramRanker(new Map(paragraphs.map((p) => [p.id, p.text])), index.chunks);
    this.expertAnswers = paragraphs
      .filter((p) => p.kind === 'expert-turn')
      .map((p) => foldText(p.text))
      .join('\n');
    this.analyzer = new QuestionAnalyzer(index.article, this.lexical);
    this.labelById = new Map(index.chunks.map((c, i) => [c.id, i]));
  }

  /**
   * Ranked passages for a question (its analysis, or a plain query analysed on its own). An empty
   * list means nothing in the article matches it.
   */
  async retrieve(question: string | QuestionAnalysis, options: Partial<RetrieveOptions> = {}): Promise<RetrieveResult> {
    const opts = { ...DEFAULT_RETRIEVE_OPTIONS, ...options } satisfies RetrieveOptions;
    const analysis = typeof question === 'string' ? this.analyzer.analyzeQuery(question) : question;
    const { query, intent } = analysis;
    const { chunks } = this.index;
    const accept = (i: number) => !opts.speaker || chunks[i]!.speaker === opts.speaker;
    const candidates = Math.min(chunks.length, Math.max(50, opts.k * 5));

    let rankings = await this.rank(query, [], accept, candidates, opts);
    let scored = this.order(analysis, rankings, opts);
    const feedback = this.opts.feedback;
    if (feedback) {
      const texts = scored.slice(0, feedback.passages).map(({ i }) => chunks[i]!.text);
      const found = this.lexical.feedbackWords(texts, feedback.words, query);
      const best = found[0]?.score ?? 0;
      const words = found.map((w) => ({ text: w.text, weight: (feedback.weight * w.score) / best }));
      if (words.length > 0) {
        rankings = await this.rank(query, words, accept, candidates, opts);
        scored = this.order(analysis, rankings, opts);
      }
    }
    const { similarity, lexicalScore } = rankings;
    // A question about people or the article itself names its paragraphs by structure: they come first.
    const targets = structuralTargets(this.index.article, intent, analysis.namedSpeakers, analysis.terms.terms);
    if (targets.length > 0) {
      const top = scored[0]?.score ?? 1;
      const first = chunks.flatMap((c, i) => (targets.includes(c.paragraph) && accept(i) ? [{ i, score: top * 2 - targets.indexOf(c.paragraph) * 1e-3 }] : []));
      first.sort((a, b) => b.score - a.score || a.i - b.i);
      scored.unshift(...first);
    }

    const passages: RetrievedPassage[] = [];
    for (const { i, score } of scored) {
      const chunk = chunks[i]!;
      const overlaps = passages.some((p) => p.paragraph === chunk.paragraph && p.start < chunk.end && chunk.start < p.end);
      if (overlaps) continue;
      const { searchText: _searchText, ...rest } = chunk;
      passages.push({
        ...rest,
        score: Number(score.toFixed(6)),
        similarity: Number((similarity.get(i) ?? 0).toFixed(4)),
        lexicalScore: Number((lexicalScore.get(i) ?? 0).toFixed(4)),
      });
      if (passages.length >= opts.k) break;
    }
    return { passages, mentionedSpeakers: analysis.mentionedSpeakers };
  }

  /** The three rankings of a query, with feedback words added where the options say. */
  private async rank(query: string, extraWords: WeightedWord[], accept: (i: number) => boolean, candidates: number, opts: RetrieveOptions): Promise<Rankings> {
    const { store, embeddings, chunks } = this.index;
    const toAll = this.opts.feedback?.rankers === 'all' && extraWords.length > 0;
    let vector = await embeddings.embedQuery(query);
    if (toAll) {
      // Rocchio: the query's unit vector plus the feedback words' vector at the feedback weight.
      const extra = await embeddings.embedQuery(extraWords.map((w) => w.text).join(' '));
      const weight = this.opts.feedback!.weight;
      const mixed = vector.map((v, d) => v + weight * extra[d]!);
      const norm = Math.hypot(...mixed) || 1;
      vector = mixed.map((v) => v / norm);
    }
    const vectorHits = await store.similaritySearchVectorWithScore(
      vector,
      candidates,
      opts.speaker ? (doc) => doc.metadata.speaker === opts.speaker : undefined,
    );
    const similarity = new Map<number, number>();
    const vectorIds: number[] = [];
    for (const [doc, distance] of vectorHits) {
      const label = this.labelById.get(doc.metadata.id as string);
      if (label === undefined) continue;
      vectorIds.push(label);
      similarity.set(label, 1 - distance);
    }
    const context = this.opts.lexicalContext;
    let lexicalHits = this.lexical.search(query, context ? chunks.length : candidates, accept, extraWords);
    const lexicalScore = new Map(lexicalHits.map((h) => [h.index, h.score]));
    if (context) lexicalHits = this.withContext(query, lexicalScore, context, accept).slice(0, candidates);
    const bigramQuery = toAll ? [query, ...extraWords.map((w) => w.text)].join(' ') : query;
    const bigramIds = this.paragraphBigrams.rank(bigramQuery, accept).map((h) => h.index);
    return { vectorIds, similarity, lexicalHits, lexicalScore, bigramIds };
  }

  /** Lexical hits re-scored with a share of their context's score (neighbours in the paragraph, or the paragraph). */
  private withContext(query: string, own: Map<number, number>, context: LexicalContextOptions, accept: (i: number) => boolean) {
    const { chunks } = this.index;
    const contextScore = new Map<number, number>();
    if (context.source === 'paragraph') {
      const byParagraph = new Map(this.paragraphLexical!.search(query, this.index.article.paragraphs.length).map((h) => [h.index, h.score]));
      chunks.forEach((c, i) => {
        const score = byParagraph.get(c.paragraph);
        if (score && accept(i)) contextScore.set(i, score);
      });
    } else {
      // The best other window of the same paragraph.
      chunks.forEach((c, i) => {
        if (!accept(i)) return;
        let best = 0;
        for (let j = i - 1; j >= 0 && chunks[j]!.paragraph === c.paragraph; j--) best = Math.max(best, own.get(j) ?? 0);
        for (let j = i + 1; j < chunks.length && chunks[j]!.paragraph === c.paragraph; j++) best = Math.max(best, own.get(j) ?? 0);
        if (best > 0) contextScore.set(i, best);
      });
    }
    const ids = new Set([...own.keys(), ...contextScore.keys()]);
    return [...ids]
      .map((index) => ({ index, score: (own.get(index) ?? 0) + context.weight * (contextScore.get(index) ?? 0) }))
      .sort((a, b) => b.score - a.score || a.index - b.index);
  }

  /** Fuses the rankings and applies the speaker, framing and intent adjustments: passages best first. */
  private order(analysis: QuestionAnalysis, rankings: Rankings, opts: RetrieveOptions): Array<{ i: number; score: number }> {
    const { intent } = analysis;
    const { chunks } = this.index;
    const { vectorIds, similarity, lexicalHits, bigramIds } = rankings;
    const inLexical = new Set(lexicalHits.map((h) => h.index));
    const weights = this.opts.fusionWeights;
    const fused = fuseRankings(
      [
        { ids: vectorIds, weight: weights.vector },
        { ids: lexicalHits.map((h) => h.index), weight: weights.lexical },
        { ids: bigramIds, weight: weights.paragraphBigrams },
      ],
      this.opts.fusionK,
    );
    const mentioned = analysis.mentionedSpeakers;
    const preferred = new Set([...mentioned, ...(opts.preferSpeakers ?? [])]);
    const asksAboutFraming = mentioned.some((name) => {
      const role = this.index.article.speakers.find((s) => s.name === name)?.role;
      return role === 'host' || role === 'editor';
    });

    const definitionMark = intent.kind === 'definition' ? definitionPattern(intent.term) : null;
    const point = intent.kind === 'topic' ? analysis.askedPoint : null;
    // `嘉宾中谁…`, `六位嘉宾里…`: the guest list is one of the places that answers.
    const namesGuests = analysis.roles.includes('expert');
    const contentTerms = analysis.terms.terms.filter((t) => t.text.length > 1).map((t) => t.text);
    const framingOnly = (text: string) => {
      const folded = foldText(text);
      return contentTerms.filter((t) => folded.includes(t) && !this.expertAnswers.includes(t)).length >= FRAMING_OWN_TERMS;
    };

    const scored = [...fused]
      .filter(([i]) => inLexical.has(i) || (similarity.get(i) ?? 0) >= MIN_SIMILARITY_WITHOUT_WORDS)
      .map(([i, score]) => {
        const chunk = chunks[i]!;
        let adjusted = score;
        if (preferred.has(chunk.speaker)) adjusted *= MENTIONED_SPEAKER_BOOST;
        const isGuestList = chunk.sectionNumber === 0 && chunk.role !== 'editor';
        const penalised = chunk.role === 'expert' || !framingOnly(chunk.text);
        if (isGuestList) {
          if (intent.kind === 'people') adjusted *= INTENT_BOOST;
          else if (!namesGuests && penalised) adjusted *= FRAMING_PENALTY;
        } else if (chunk.role !== 'expert' && !asksAboutFraming && !preferred.has(chunk.speaker) && penalised) {
          adjusted *= FRAMING_PENALTY;
        }
        if (definitionMark?.test(foldText(chunk.text))) adjusted *= INTENT_BOOST;
        return { i, score: adjusted };
      })
      .sort((a, b) => b.score - a.score || a.i - b.i);
    // `第二要做的是什么？`: the passage that makes the second point of the list in the answer that ranks
    // first (a point 2 of another answer, on another topic, is not it).
    const lead = scored.map(({ i }) => chunks[i]!).find((c) => c.role === 'expert');
    if (point !== null && lead) {
      const inLead = (c: Chunk) => c.speaker === lead.speaker && c.sectionNumber === lead.sectionNumber;
      for (const s of scored) if (inLead(chunks[s.i]!) && pointMarkers(chunks[s.i]!.text).some((m) => m.ordinal === point)) s.score *= INTENT_BOOST;
      scored.sort((a, b) => b.score - a.score || a.i - b.i);
    }
    return scored;
  }
}

