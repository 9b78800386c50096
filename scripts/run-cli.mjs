// `npm run check|ask|search|ingest -- …`: runs a command-line tool from the build
// (dist/cli-NAME.js) with plain `node`, building first when the build is stale, as `npm start` does.
// A one-line quote check then starts in a fraction of the time tsx takes to compile the sources.
import console from 'node:console';
import { join } from 'node:path';
import process from 'node:process';
import { pathToFileURL } from 'node:url';
import { ensureBuilt, root } from './ensure-build.mjs';

const TOOLS = ['check', 'ask', 'search', 'ingest'];
const [name, ...args] = process.argv.slice(2);
if (!TOOLS.includes(name)) {
  console.error(`usage: node scripts/run-cli.mjs ${TOOLS.join('|')} [arguments…]`);
  process.exit(2);
}
ensureBuilt();
const entry = join(root, 'dist', `cli-${name}.js`);
// The tool reads its arguments from process.argv as if it had been started directly.
process.argv = [process.argv[0], entry, ...args];
await import(pathToFileURL(entry).href);
