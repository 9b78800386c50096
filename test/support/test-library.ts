import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/config.js';
import { loadOrBuildLibrary, type Library } from '../../src/index/load-library.js';
import type { AppServices } from '../../src/server/app-services.js';
import { buildLibraryServices } from '../../src/app/build-services.js';
import { testConfig } from './test-index.js';

/** The fictional articles of `test/fixtures/articles/`: a second interview and a short report. */
export const FIXTURE_ARTICLES = ['lvse-suanli', 'shuju-zhongxin-baodao'] as const;

export interface TestLibrary {
  /** The temporary folder holding `corpus/` and `index/`. */
  work: string;
  config: ReturnType<typeof testConfig>;
  library: Library;
  services: AppServices;
  remove: () => Promise<void>;
}

/**
 * A corpus folder in a temporary directory: the real article, the fixtures and, when asked, broken
 * files (`empty.txt`, `latin1.txt` not UTF-8, `headline-only.txt` with no paragraph) and names that
 * are not regular files (`passwd.txt` a link to `/etc/passwd`, `pipe.txt` a FIFO no one writes to,
 * `folder.txt` a directory); loaded as the server loads it.
 */
export async function buildTestLibrary(options: { broken?: boolean } = {}): Promise<TestLibrary> {
  const work = await mkdtemp(join(tmpdir(), 'qh-library-'));
  const corpus = join(work, 'corpus');
  const base = testConfig();
  await cp(base.corpusPath, join(corpus, 'article.txt'));
  for (const id of FIXTURE_ARTICLES) await cp(join(PROJECT_ROOT, 'test/fixtures/articles', `${id}.txt`), join(corpus, `${id}.txt`));
  if (options.broken) {
    await writeFile(join(corpus, 'empty.txt'), '');
    await writeFile(join(corpus, 'latin1.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a, 0xff, 0xfe]));
    await writeFile(join(corpus, 'headline-only.txt'), '只有一个标题\n');
    await symlink('/etc/passwd', join(corpus, 'passwd.txt'));
    // Opening it for reading would wait for a writer forever.
    execFileSync('mkfifo', [join(corpus, 'pipe.txt')]);
    await mkdir(join(corpus, 'folder.txt'));
    // Labels that name no one, each used once: no layout explains the turns, so it is refused.
    await writeFile(join(corpus, 'refused.txt'), ['聊天记录', '甲乙丙：你好。', '丁戊己：今天天气不错。', '庚辛壬：是的。', '癸子丑：我们走吧。', '寅卯辰：好的。'].join('\n\n'));
  }
  const config = { ...base, corpusPath: corpus, indexDir: join(work, 'index') };
  const library = await loadOrBuildLibrary(config);
  return { work, config, library, services: buildLibraryServices(library), remove: () => rm(work, { recursive: true, force: true }) };
}

/** One text served alone, as the server serves a corpus of one file: its answerer, and how to remove it. */
export async function answererForText(file: string, text: string): Promise<{ answerer: AppServices['answerer']; remove: () => Promise<void> }> {
  const work = await mkdtemp(join(tmpdir(), 'qh-one-text-'));
  await writeFile(join(work, file), text);
  const library = await loadOrBuildLibrary({ ...testConfig(), corpusPath: work, indexDir: join(work, 'index') });
  return { answerer: buildLibraryServices(library).answerer, remove: () => rm(work, { recursive: true, force: true }) };
}
