import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import hnswlib, { type HierarchicalNSW, type SpaceName } from 'hnswlib-node';

/** A passage as the docstore keeps it: its search text and its chunk's fields. */
export interface StoredDocument {
  pageContent: string;
  metadata: Record<string, unknown>;
}

/** What retrieval asks of a vector store: the `k` nearest passages to a vector, with their distances. */
export interface PassageStore {
  similaritySearchVectorWithScore(query: number[], k: number, filter?: (doc: StoredDocument) => boolean): Promise<Array<[StoredDocument, number]>>;
}

/**
 * A saved HNSW index (the files LangChain's `HNSWLib.save` writes: `args.json`, `docstore.json`,
 * `hnswlib.index`), loaded with hnswlib-node alone and searched as `HNSWLib` searches it. Serving
 * needs nothing else of LangChain: importing its vector store for the loader took about 20 MiB of
 * the server's memory (`@langchain/core`'s vector stores, callbacks and tracing). Building an index
 * still uses `HNSWLib` (build-index.ts), loaded only when an index is built.
 */
export class HnswStore implements PassageStore {
  /**
   * The stored (normalised, 32-bit) vectors, for the exact search of a small index
   * ({@link exactSearch}); null until first needed, false when that search does not apply here.
   */
  private exact: ExactVectors | null | false = null;

  private constructor(
    readonly index: HierarchicalNSW,
    readonly docstore: { search(id: string): StoredDocument },
    private readonly numDimensions: number,
    private readonly space: SpaceName,
    private readonly checkedAtIngest: boolean | null,
    /** The bytes of `hnswlib.index`, until the exact search takes its vectors from them ({@link storedVectors}). */
    private saved: Buffer | null,
  ) {}

  /**
   * As `HNSWLib.load(directory, embeddings)` loads it. `exactSearchChecked`: what the ingest's
   * check of the exact search on this index found ({@link checkExactSearch}), null when unknown.
   */
  static async load(directory: string, options: { exactSearchChecked?: boolean | null } = {}): Promise<HnswStore> {
    const args = JSON.parse(await readFile(join(directory, 'args.json'), 'utf8')) as { space?: SpaceName; numDimensions?: number };
    if (!args.space) throw new Error('hnswlib-node requires a space argument');
    if (args.numDimensions === undefined) throw new Error('hnswlib-node requires a numDimensions argument');
    const index = new hnswlib.HierarchicalNSW(args.space, args.numDimensions);
    const [entries, saved] = await Promise.all([
      readFile(join(directory, 'docstore.json'), 'utf8').then((text) => JSON.parse(text) as Array<[string, StoredDocument]>),
      readFile(join(directory, 'hnswlib.index')),
      index.readIndex(join(directory, 'hnswlib.index')),
    ]);
    const docs = new Map(entries);
    const docstore = {
      search(id: string): StoredDocument {
        const found = docs.get(id);
        if (!found) throw new Error(`ID ${id} not found.`);
        return found;
      },
    };
    return new HnswStore(index, docstore, args.numDimensions, args.space, options.exactSearchChecked ?? null, saved);
  }

  /** As `HNSWLib.similaritySearchVectorWithScore`: `[document, cosine distance]`, nearest first. */
  async similaritySearchVectorWithScore(query: number[], k: number, filter?: (doc: StoredDocument) => boolean): Promise<Array<[StoredDocument, number]>> {
    if (query.length !== this.numDimensions) {
      throw new Error(`Query vector must have the same length as the number of dimensions (${this.numDimensions})`);
    }
    const total = this.index.getCurrentCount();
    if (k > total) {
      console.warn(`k (${k}) is greater than the number of elements in the index (${total}), setting k to ${total}`);
      k = total;
    }
    const allowed = filter ? (label: number) => filter(this.docstore.search(String(label))) : undefined;
    const result = this.exactSearch(query, k, allowed) ?? this.index.searchKnn(query, k, allowed);
    return result.neighbors.map((label, i) => [this.docstore.search(String(label)), result.distances[i]!]);
  }

  /**
   * hnswlib's own answer for a small index, computed here: the same neighbours, the same 32-bit
   * distances, in the same order, or null when it cannot be sure to be (then hnswlib is asked).
   *
   * With `ef` at least the number of vectors, hnswlib's search visits every vector it can reach
   * (its stopping rule never fires before) and keeps them all, so it returns the `k` nearest of
   * them, by distance and then by label. hnswlib-node, built without `-mavx`, computes a cosine
   * distance with SSE: four lanes, lane `j` summing the products of the dimensions `i ≡ j (mod 4)`
   * in order, each product and sum rounded to 32 bits, then `1 - (((l0 + l1) + l2) + l3)`; the query
   * is first rounded to 32 bits and normalised (`normalizePoint`: the sum of squares in order, a
   * 32-bit square root, each value divided by it). That arithmetic, done here with `Math.fround`
   * over the query's non-zero dimensions only (a zero adds nothing to a sum), takes about a tenth of
   * hnswlib-node's time: most of its time went to copying the 1,024 numbers of the query and the
   * answer across N-API, and a filter calls back into JavaScript for every vector.
   *
   * It is used only where it is checked to agree: a cosine index whose dimensions are a multiple of
   * 16, `ef` at least the count, labels 0…n−1, and, on first use, sixteen stored vectors searched both
   * ways (every neighbour in order, and a filtered search) with identical results. A tie in distance at
   * the `k`-th place (which of the tied hnswlib keeps depends on its heap) is left to hnswlib.
   */
  /** Whether searches are computed here ({@link exactSearch}); null before the first search. */
  get searchesExactly(): boolean | null {
    return this.exact === null ? null : this.exact !== false && this.index.getEf() >= this.exact.count;
  }

  /**
   * The stored (normalised, 32-bit) vectors by label: read from the index file's bytes, checked
   * against hnswlib's own at the first and last label, or else asked of hnswlib one by one (80
   * copies of 1,024 numbers across N-API: ~4 ms of an article's first search).
   */
  private storedVectors(saved: Buffer | null, count: number, dims: number): Float32Array {
    const read = saved ? vectorsFromIndexFile(saved, count, dims) : null;
    const agrees = (label: number) => this.index.getPoint(label).every((x, d) => Object.is(x, read![label * dims + d]));
    if (read && agrees(0) && agrees(count - 1)) return read;
    const vectors = new Float32Array(count * dims);
    for (let label = 0; label < count; label++) vectors.set(this.index.getPoint(label), label * dims);
    return vectors;
  }

  /**
   * Whether searches of this index at its current `ef` are computed here: the check of
   * {@link prepareExact} run in full (at ingest, whose answer the index keeps).
   */
  checkExactSearch(): boolean {
    this.exact = this.prepareExact(true);
    return this.searchesExactly === true;
  }

  private exactSearch(query: number[], k: number, allowed?: (label: number) => boolean): { neighbors: number[]; distances: number[] } | null {
    if (this.exact === null) this.exact = this.prepareExact();
    if (this.exact === false || this.index.getEf() < this.exact.count) return null;
    return exactNearest(this.exact, query, k, allowed);
  }

  /**
   * The vectors for the exact search, checked against hnswlib on sixteen of them (about 20 ms of an
   * article's first search), unless the ingest checked this index and this process has seen the
   * check pass on another (hnswlib-node's arithmetic is the process's; the graph and its ties are
   * the index's, which the ingest checked). `full`: check whatever the ingest found.
   */
  private prepareExact(full = false): ExactVectors | false {
    // The file's bytes are needed once, here.
    const saved = this.saved;
    this.saved = null;
    if (!full && this.checkedAtIngest === false) return false;
    const count = this.index.getCurrentCount();
    const dims = this.numDimensions;
    if (this.space !== 'cosine' || dims % 16 !== 0 || count === 0 || count > MAX_EXACT_VECTORS) return false;
    const labels = this.index.getIdsList();
    if (labels.length !== count || [...labels].sort((a, b) => a - b).some((label, i) => label !== i)) return false;
    const vectors = this.storedVectors(saved, count, dims);
    const exact: ExactVectors = { count, dims, vectors };
    if (this.index.getEf() < count) return exact;
    if (!full && this.checkedAtIngest === true && arithmeticConfirmed) return exact;
    // Stored vectors as queries, spread over the index (every neighbour, and a filtered search):
    // the same results both ways, or hnswlib alone.
    const odd = (label: number) => label % 2 === 1;
    const probes = new Set(Array.from({ length: Math.min(count, SELF_CHECK_PROBES) }, (_, i) => Math.floor((i * count) / Math.min(count, SELF_CHECK_PROBES))));
    for (const label of probes) {
      const probe = Array.from(vectors.subarray(label * dims, (label + 1) * dims));
      for (const [k, filter] of [[count, undefined], [Math.max(1, Math.floor(count / 3)), odd]] as const) {
        const ours = exactNearest(exact, probe, k, filter);
        const theirs = this.index.searchKnn(probe, k, filter);
        if (ours === null) continue;
        if (!sameNumbers(ours.neighbors, theirs.neighbors) || !sameNumbers(ours.distances, theirs.distances)) return false;
      }
    }
    arithmeticConfirmed = true;
    return exact;
  }
}

/** The bytes before the elements in `hnswlib.index` (hnswlib's `saveIndex`: eleven sizes and counts, two 32-bit ints, a double). */
const HNSW_HEADER_BYTES = 96;

/**
 * The stored vectors by label, read from the bytes of `hnswlib.index` as hnswlib's `saveIndex` lays
 * them out (each element: its links, its vector, its 64-bit label), or null when the file does
 * not read as an index of these vectors.
 */
export function vectorsFromIndexFile(saved: Buffer, count: number, dims: number): Float32Array | null {
  if (saved.length < HNSW_HEADER_BYTES) return null;
  const size = (at: number) => Number(saved.readBigUInt64LE(at));
  const [elements, perElement, labelOffset, dataOffset] = [size(16), size(24), size(32), size(40)];
  if (elements !== count || dataOffset + dims * 4 > perElement || labelOffset + 8 > perElement || saved.length < HNSW_HEADER_BYTES + count * perElement) return null;
  const vectors = new Float32Array(count * dims);
  for (let i = 0; i < count; i++) {
    const element = HNSW_HEADER_BYTES + i * perElement;
    const label = size(element + labelOffset);
    if (label >= count) return null;
    const start = saved.byteOffset + element + dataOffset;
    // A copy of the vector's bytes: a view needs an offset a multiple of 4 (hnswlib writes native floats).
    vectors.set(new Float32Array(saved.buffer.slice(start, start + dims * 4)), label * dims);
  }
  return vectors;
}

/**
 * Whether this process has seen the exact search agree with hnswlib-node on an index: its
 * arithmetic is then the one hnswlib-node computes here, and an index the ingest checked needs no
 * check of its own.
 */
let arithmeticConfirmed = false;

/** hnswlib's `ef` for an index of `count` vectors: its default of 10 trades recall for speed on large indexes; passages are few, recall matters. */
export function searchEf(count: number): number {
  return Math.max(64, Math.min(400, count));
}

/** Stored vectors searched both ways before the exact search is trusted. */
const SELF_CHECK_PROBES = 16;

/** Past this many vectors the exact search is not tried (hnswlib's `ef` is at most 400 anyway). */
const MAX_EXACT_VECTORS = 4_096;

interface ExactVectors {
  count: number;
  dims: number;
  /** Vector `label` at `label * dims`, as hnswlib stores it (normalised, 32-bit). */
  vectors: Float32Array;
}

function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
}

/** The `k` nearest vectors to a query as hnswlib-node computes them (see {@link HnswStore}), or null on a tie at the `k`-th place. */
function exactNearest(exact: ExactVectors, query: readonly number[], k: number, allowed?: (label: number) => boolean): { neighbors: number[]; distances: number[] } | null {
  const { count, dims, vectors } = exact;
  if (query.length !== dims) return null;
  // The query as 32-bit numbers, normalised as normalizePoint does, at its non-zero dimensions.
  const at: number[] = [];
  const value: number[] = [];
  let squares = 0;
  for (let i = 0; i < dims; i++) {
    const v = Math.fround(query[i]!);
    if (v === 0) continue;
    at.push(i);
    value.push(v);
    squares = Math.fround(squares + Math.fround(v * v));
  }
  const norm = Math.fround(Math.sqrt(Math.abs(squares)));
  if (norm > 0) for (let j = 0; j < value.length; j++) value[j] = Math.fround(value[j]! / norm);
  const labels: number[] = [];
  const distances = new Float64Array(count);
  for (let label = 0; label < count; label++) {
    if (allowed && !allowed(label)) continue;
    const base = label * dims;
    let l0 = 0;
    let l1 = 0;
    let l2 = 0;
    let l3 = 0;
    for (let j = 0; j < at.length; j++) {
      const i = at[j]!;
      const product = Math.fround(value[j]! * vectors[base + i]!);
      switch (i & 3) {
        case 0:
          l0 = Math.fround(l0 + product);
          break;
        case 1:
          l1 = Math.fround(l1 + product);
          break;
        case 2:
          l2 = Math.fround(l2 + product);
          break;
        default:
          l3 = Math.fround(l3 + product);
      }
    }
    distances[label] = Math.fround(1 - Math.fround(Math.fround(Math.fround(l0 + l1) + l2) + l3));
    labels.push(label);
  }
  labels.sort((a, b) => distances[a]! - distances[b]! || a - b);
  const n = Math.min(k, labels.length);
  // Which of vectors tied at the k-th place hnswlib keeps depends on its heap: not guessed.
  if (n < labels.length && n > 0 && distances[labels[n - 1]!] === distances[labels[n]!]) return null;
  const neighbors = labels.slice(0, n);
  return { neighbors, distances: neighbors.map((label) => distances[label]!) };
}
