import { pointMarkers } from '../corpus/enumerated-points.js';
import { foldText } from '../corpus/normalize-text.js';
import type { Chunk } from '../index/chunk-paragraphs.js';
import type { SearchIndex } from '../index/load-index.js';
import { fuseRankings } from './fuse-rankings.js';
import { LexicalIndex } from './lexical-search.js';
import { QuestionAnalyzer, type QuestionAnalysis } from './analyze-question.js';
import { definitionPattern } from './question-intent.js';
import { ParagraphBigramRanker } from './paragraph-bigram-ranker.js';
import { structuralTargets } from './structural-targets.js';
import type { Correction } from './correct-homophones.js';

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
 * The reciprocal-rank fusion constant: the paper's 60. A 5-fold cross-validation over 10–100 (with the
 * weights) chose no better setting (docs/benchmarks.md, "Retrieval experiments for paraphrases").
 */
export const DEFAULT_FUSION_K = 60;

export interface RetrieverOptions {
  fusionWeights: FusionWeights;
  /** The reciprocal-rank fusion constant ({@link fuseRankings}). */
  fusionK: number;
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
  /** Typing slips of the query read as the article's words (`硬道里` → 硬道理) before searching. */
  corrections: Correction[];
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

const DECIMAL_SCALES = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

/**
 * `Number(x.toFixed(digits))`, without formatting and parsing a string where the answer is plain:
 * a positive `x` whose scaled value is not within rounding error of a half. toFixed picks the integer
 * `n` nearest to `x · 10^digits` exactly (a half rounds up); `x · 10^digits` as computed is within
 * half an ulp of it, so away from a half its nearest integer is the same `n`, and `n / 10^digits`
 * is the number nearest that decimal, as parsing it gives. Anything else is left to toFixed.
 */
export function roundTo(x: number, digits: number): number {
  const scale = DECIMAL_SCALES[digits];
  if (scale !== undefined && x > 0) {
    const y = x * scale;
    if (y < 2 ** 52) {
      const floor = Math.floor(y);
      const fraction = y - floor;
      if (Math.abs(fraction - 0.5) > y * 2 ** -50) return (fraction > 0.5 ? floor + 1 : floor) / scale;
    }
  }
  return Number(x.toFixed(digits));
}


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
  private readonly fusionWeights: FusionWeights;
  private readonly fusionK: number;
  /** Each passage's text, folded (framing and definition tests read every candidate's). */
  private readonly foldedChunks: string[];
  /** Each passage's fields as search results carry them (all but its search text). */
  private readonly passageFields: Array<Omit<Chunk, 'searchText'>>;
  /**
   * The last query embedded and its vector: one answer may search several times with the same
   * query (once more for each expert it names, for each who-said candidate).
   */
  private lastEmbedded: { query: string; vector: Promise<number[]> } | null = null;

  constructor(
    readonly index: SearchIndex,
    options: Partial<RetrieverOptions> = {},
  ) {
    this.fusionWeights = options.fusionWeights ?? DEFAULT_FUSION_WEIGHTS;
    this.fusionK = options.fusionK ?? DEFAULT_FUSION_K;
    // The passages' words and the homophone table as the ingest computed them, when the index keeps them.
    this.lexical = new LexicalIndex(index.chunks.map((c) => c.searchText), {}, index.tables?.passageWords ?? null);
    const paragraphs = index.article.paragraphs;
    this.paragraphBigrams = new ParagraphBigramRanker(new Map(paragraphs.map((p) => [p.id, p.text])), index.chunks);
    this.expertAnswers = paragraphs
      .filter((p) => p.kind === 'expert-turn')
      .map((p) => foldText(p.text))
      .join('\n');
    this.analyzer = new QuestionAnalyzer(index.article, this.lexical, index.tables?.homophones ?? null);
    this.labelById = new Map(index.chunks.map((c, i) => [c.id, i]));
    this.foldedChunks = index.chunks.map((c) => foldText(c.text));
    this.passageFields = index.chunks.map(({ searchText: _searchText, ...fields }) => fields);
  }

  /** The query's vector, embedded once for the searches of one answer. */
  private embedQuery(query: string): Promise<number[]> {
    if (this.lastEmbedded?.query === query) return this.lastEmbedded.vector;
    const embedded = { query, vector: this.index.embeddings.embedQuery(query) };
    this.lastEmbedded = embedded;
    // A failed request to an embeddings endpoint is not kept: the same question asked again tries again.
    embedded.vector.catch(() => {
      if (this.lastEmbedded === embedded) this.lastEmbedded = null;
    });
    return embedded.vector;
  }

  /**
   * Ranked passages for a question (its analysis, or a plain query analysed on its own). An empty
   * list means nothing in the article matches it.
   */
  async retrieve(question: string | QuestionAnalysis, options: Partial<RetrieveOptions> = {}): Promise<RetrieveResult> {
    const opts = { ...DEFAULT_RETRIEVE_OPTIONS, ...options } satisfies RetrieveOptions;
    const analysis = typeof question === 'string' ? this.analyzer.analyzeQuery(question) : question;
    const { query, intent } = analysis;
    const { chunks, store } = this.index;
    const accept = (i: number) => !opts.speaker || chunks[i]!.speaker === opts.speaker;
    const candidates = Math.min(chunks.length, Math.max(50, opts.k * 5));

    const vector = await this.embedQuery(query);
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
    const lexicalHits = this.lexical.search(query, candidates, accept);
    const lexicalScore = new Map(lexicalHits.map((h) => [h.index, h.score]));

    const bigramHits = this.paragraphBigrams.rank(query, accept);
    const weights = this.fusionWeights;
    const fused = fuseRankings([
      { ids: vectorIds, weight: weights.vector },
      { ids: lexicalHits.map((h) => h.index), weight: weights.lexical },
      { ids: bigramHits.map((h) => h.index), weight: weights.paragraphBigrams },
    ], this.fusionK);
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
    // The question's content words no expert's answer uses: a framing passage holding enough of them says something of its own.
    const framingTerms = analysis.terms.terms.filter((t) => t.text.length > 1 && !this.expertAnswers.includes(t.text)).map((t) => t.text);
    const framingOnly = (i: number) => {
      const folded = this.foldedChunks[i]!;
      return framingTerms.filter((t) => folded.includes(t)).length >= FRAMING_OWN_TERMS;
    };

    const scored = [...fused]
      .filter(([i]) => lexicalScore.has(i) || (similarity.get(i) ?? 0) >= MIN_SIMILARITY_WITHOUT_WORDS)
      .map(([i, score]) => {
        const chunk = chunks[i]!;
        let adjusted = score;
        if (preferred.has(chunk.speaker)) adjusted *= MENTIONED_SPEAKER_BOOST;
        const isGuestList = chunk.sectionNumber === 0 && chunk.role !== 'editor';
        const penalised = chunk.role === 'expert' || !framingOnly(i);
        if (isGuestList) {
          if (intent.kind === 'people') adjusted *= INTENT_BOOST;
          else if (!namesGuests && penalised) adjusted *= FRAMING_PENALTY;
        } else if (chunk.role !== 'expert' && !asksAboutFraming && !preferred.has(chunk.speaker) && penalised) {
          adjusted *= FRAMING_PENALTY;
        }
        if (definitionMark?.test(this.foldedChunks[i]!)) adjusted *= INTENT_BOOST;
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
      passages.push({
        ...this.passageFields[i]!,
        score: roundTo(score, 6),
        similarity: roundTo(similarity.get(i) ?? 0, 4),
        lexicalScore: roundTo(lexicalScore.get(i) ?? 0, 4),
      });
      if (passages.length >= opts.k) break;
    }
    return { passages, mentionedSpeakers: mentioned, corrections: analysis.corrections };
  }
}

