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
  private constructor(
    readonly index: HierarchicalNSW,
    readonly docstore: { search(id: string): StoredDocument },
    private readonly numDimensions: number,
  ) {}

  /** As `HNSWLib.load(directory, embeddings)` loads it. */
  static async load(directory: string): Promise<HnswStore> {
    const args = JSON.parse(await readFile(join(directory, 'args.json'), 'utf8')) as { space?: SpaceName; numDimensions?: number };
    if (!args.space) throw new Error('hnswlib-node requires a space argument');
    if (args.numDimensions === undefined) throw new Error('hnswlib-node requires a numDimensions argument');
    const index = new hnswlib.HierarchicalNSW(args.space, args.numDimensions);
    const [entries] = await Promise.all([
      readFile(join(directory, 'docstore.json'), 'utf8').then((text) => JSON.parse(text) as Array<[string, StoredDocument]>),
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
    return new HnswStore(index, docstore, args.numDimensions);
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
    const result = this.index.searchKnn(query, k, allowed);
    return result.neighbors.map((label, i) => [this.docstore.search(String(label)), result.distances[i]!]);
  }
}
