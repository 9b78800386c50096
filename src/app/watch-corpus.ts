import { watch, type FSWatcher } from 'node:fs';
import type { LibraryConfig } from '../index/article-sources.js';
import { updateLibrary, type LibraryUpdate } from '../index/load-library.js';

/**
 * Articles that arrive while serving (issue 21): a file added, changed or removed in the corpus
 * folder is ingested by the running server. `fs.watch` on the folder says something changed (a
 * burst of events is one update, {@link DEFAULT_DEBOUNCE_MS} after the last); a rescan every
 * `rescanMs` catches what the watch missed (a network file system, a watch limit reached). An
 * update is the ingest's own ({@link updateLibrary}): only what changed is read and built, each
 * article's index swapped into place whole, then the catalog and the library index written; a file
 * modified less than {@link DEFAULT_SETTLE_MS} ago is left for a moment, as it may still be being
 * written. Updates run one at a time.
 */

export const DEFAULT_DEBOUNCE_MS = 200;
export const DEFAULT_SETTLE_MS = 1_000;

export interface WatchCorpusOptions {
  /** Called after an update that changed what is served (the catalog was written). */
  onUpdate: (update: LibraryUpdate) => Promise<void> | void;
  log?: (message: string) => void;
  /** Errors of an update (it is tried again at the next event or rescan). */
  onError?: (error: unknown) => void;
  debounceMs?: number;
  settleMs?: number;
  /** A full rescan this often (0: none, the watch alone). */
  rescanMs?: number;
}

export interface CorpusWatcher {
  /** Runs an update now (or after the one running), resolved when it is done. */
  update(): Promise<void>;
  close(): void;
}

export function watchCorpus(config: LibraryConfig, options: WatchCorpusOptions): CorpusWatcher {
  const debounceMs = options.debounceMs ?? DEFAULT_DEBOUNCE_MS;
  const settleMs = options.settleMs ?? DEFAULT_SETTLE_MS;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let closed = false;
  // The files the watch named since the last update; null: look at every file (a rescan, an event without a name).
  let named: Set<string> | null = new Set();

  const schedule = (delay: number) => {
    if (closed) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void run();
    }, delay);
    timer.unref();
  };

  const once = async () => {
    const only = named;
    named = new Set();
    const update = await updateLibrary(config, { settleMs, ...(only ? { only } : {}), ...(options.log ? { log: options.log } : {}) });
    if (update.changed) await options.onUpdate(update);
    // A file still being written: looked at again once it may have settled.
    if (update.pending.length > 0) {
      for (const id of update.pending) named?.add(`${id}.txt`);
      schedule(Math.max(debounceMs, (update.settledAt ?? 0) - Date.now() + 20));
    }
  };

  const run = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        await once();
      } catch (error) {
        options.onError?.(error);
      } finally {
        running = null;
        if (again && !closed) {
          again = false;
          schedule(0);
        }
      }
    })();
    return running;
  };

  let watcher: FSWatcher | null = null;
  try {
    watcher = watch(config.corpusPath, { persistent: false }, (_event, name) => {
      if (!name) named = null;
      else if (String(name).endsWith('.txt')) named?.add(String(name));
      else return;
      schedule(debounceMs);
    });
    watcher.on('error', (error) => options.onError?.(error));
  } catch (error) {
    // No watch here (a file system without one): the rescan alone finds new files.
    options.onError?.(error);
  }
  const full = () => {
    named = null;
    return run();
  };
  const rescan = options.rescanMs ? setInterval(() => void full(), options.rescanMs) : null;
  rescan?.unref();

  return {
    update: async () => {
      // After the one running: it may have read the folder before the change asked about.
      while (running) await running;
      await full();
    },
    close: () => {
      closed = true;
      watcher?.close();
      if (timer) clearTimeout(timer);
      if (rescan) clearInterval(rescan);
    },
  };
}
