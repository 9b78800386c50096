import { Embeddings } from '@langchain/core/embeddings';
import { hanBigrams, tokenizeWords } from './tokenize-chinese.js';

/**
 * The built-in embedder: hashed TF-IDF over jieba words and character bigrams, with IDF fitted on
 * the corpus and saved beside the index. It needs no model, no server and no download, so
 * `npm start` works on a fresh machine; an OpenAI-compatible endpoint can replace it by config.
 */

export interface LocalEmbeddingsState {
  kind: 'local-tfidf';
  version: 1;
  dimensions: number;
  /** Weight of a character bigram relative to a word. */
  bigramWeight: number;
  /** `[feature, idf]`, sorted by feature, so that fitting twice writes identical files. */
  idf: Array<[string, number]>;
}

export interface LocalEmbeddingsOptions {
  dimensions: number;
  bigramWeight: number;
}

export const DEFAULT_LOCAL_EMBEDDINGS_OPTIONS: LocalEmbeddingsOptions = { dimensions: 1024, bigramWeight: 0.5 };

/** 32-bit FNV-1a: fast, stable across runs and machines. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Features of a text with their raw weights: `w:` words and `b:` bigrams. */
function featureCounts(text: string, bigramWeight: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const word of tokenizeWords(text)) counts.set(`w:${word}`, (counts.get(`w:${word}`) ?? 0) + 1);
  if (bigramWeight > 0) {
    for (const bigram of hanBigrams(text)) counts.set(`b:${bigram}`, (counts.get(`b:${bigram}`) ?? 0) + 1);
  }
  return counts;
}

export class LocalEmbeddings extends Embeddings {
  readonly state: LocalEmbeddingsState;
  private readonly idf: Map<string, number>;
  private scratch: Float64Array | null = null;

  constructor(state: LocalEmbeddingsState) {
    super({});
    if (state.kind !== 'local-tfidf' || state.version !== 1) {
      throw new Error(`unsupported local embeddings state: ${state.kind} v${state.version}`);
    }
    this.state = state;
    this.idf = new Map(state.idf);
  }

  /** Fits IDF on a corpus of texts (the passages to be indexed). */
  static fit(texts: string[], options: Partial<LocalEmbeddingsOptions> = {}): LocalEmbeddings {
    const opts = { ...DEFAULT_LOCAL_EMBEDDINGS_OPTIONS, ...options } satisfies LocalEmbeddingsOptions;
    const documentFrequency = new Map<string, number>();
    for (const text of texts) {
      for (const feature of featureCounts(text, opts.bigramWeight).keys()) {
        documentFrequency.set(feature, (documentFrequency.get(feature) ?? 0) + 1);
      }
    }
    const n = texts.length;
    const idf = [...documentFrequency]
      .map(([feature, df]): [string, number] => [feature, Number((Math.log((n + 1) / (df + 1)) + 1).toFixed(6))])
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return new LocalEmbeddings({
      kind: 'local-tfidf',
      version: 1,
      dimensions: opts.dimensions,
      bigramWeight: opts.bigramWeight,
      idf,
    });
  }

  /** The vector of one text: features unknown to the corpus are dropped, as they can match nothing. */
  embedText(text: string): number[] {
    // One scratch vector, cleared before each text: the answer is a fresh array.
    const vector = (this.scratch ??= new Float64Array(this.state.dimensions)).fill(0);
    for (const [feature, count] of featureCounts(text, this.state.bigramWeight)) {
      const idf = this.idf.get(feature);
      if (idf === undefined) continue;
      const weight = (1 + Math.log(count)) * idf * (feature.startsWith('b:') ? this.state.bigramWeight : 1);
      const hash = fnv1a(feature);
      // The top bit picks a sign so that colliding features tend to cancel rather than add up.
      vector[hash % this.state.dimensions]! += hash & 0x80000000 ? -weight : weight;
    }
    // Indexed loops: an iterator or `Array.from` with a callback over 1,024 numbers cost more than
    // the rest of the embedding (about 30 µs of 36 on the 2-core machine).
    const dimensions = vector.length;
    let norm = 0;
    for (let i = 0; i < dimensions; i++) norm += vector[i]! * vector[i]!;
    norm = Math.sqrt(norm);
    // An all-zero vector has no direction; cosine distance to it is undefined, so give it a tiny one.
    if (norm === 0) {
      const out = new Array<number>(this.state.dimensions).fill(0);
      out[0] = 1;
      return out;
    }
    const out = new Array<number>(dimensions);
    for (let i = 0; i < dimensions; i++) out[i] = vector[i]! / norm;
    return out;
  }

  /** True when a text shares at least one feature with the corpus. */
  knows(text: string): boolean {
    for (const feature of featureCounts(text, this.state.bigramWeight).keys()) if (this.idf.has(feature)) return true;
    return false;
  }

  override async embedDocuments(texts: string[]): Promise<number[][]> {
    return texts.map((t) => this.embedText(t));
  }

  override async embedQuery(text: string): Promise<number[]> {
    return this.embedText(text);
  }
}
