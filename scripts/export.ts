// `npm run export -- --colleague <id> [--out <file.zip>]` (issue 19, AVG art. 15): one ZIP with everything Plein holds
// about a colleague — their people file, posts and comments as Markdown, the photos of their posts, their state-store
// rows as JSON and LEESMIJ.txt — and nothing of other colleagues. Reads the content from the working tree of this
// checkout (or --repo <folder>) and the state store from the environment, like the server (PLEIN_DATABASE_URL or
// PLEIN_STATE_DIR). Changes nothing. Exit codes: 0 written; 1 refused (unknown colleague, bad arguments) or failed.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createContentPaths } from '../functions/content/paths.ts';
import { openServerState } from '../functions/hosts/node/plein-server.ts';
import { exportZip, UnknownColleagueError } from '../functions/privacy/export.ts';
import { assertSafePath } from '../functions/store/safe-path.ts';

const USAGE = 'Gebruik: npm run export -- --colleague <id> [--out <bestand.zip>] [--repo <map>]';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

let args;
try {
  args = parseArgs({ options: { colleague: { type: 'string' }, out: { type: 'string' }, repo: { type: 'string' } }, strict: true }).values;
} catch (err) {
  fail(`${(err as Error).message}\n${USAGE}`);
}
if (!args.colleague) fail(`Noem de collega met --colleague <id>.\n${USAGE}`);
const person = args.colleague;
const repoDir = resolve(args.repo ?? resolve(import.meta.dirname, '..'));
const out = resolve(args.out ?? `mijn-gegevens-${person.replace(/[^a-z0-9-]/g, '_')}.zip`);

/** Every file below `dir` (relative to the repository), or none when it does not exist. */
async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(join(repoDir, dir), { withFileTypes: true, recursive: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => relative(repoDir, join(e.parentPath, e.name)));
}

const state = await openServerState(process.env, repoDir).catch((err: Error) => fail(`De statusopslag kan niet worden geopend: ${err.message}`));
try {
  const zip = await exportZip(
    {
      paths: createContentPaths(process.env.PLEIN_CONTENT_DIR),
      exportState: state.personalData.export,
      reader: {
        list: async (prefixes) => (await Promise.all(prefixes.map((p) => walk(p.replace(/\/$/, ''))))).flat(),
        read: (path) => readFile(join(repoDir, assertSafePath(path)), 'utf8').catch(() => undefined),
      },
      readPhoto: (path) => readFile(join(repoDir, assertSafePath(path))).then((b) => new Uint8Array(b), () => undefined),
    },
    person,
  );
  // Personal data: readable by whoever runs the export only.
  await writeFile(out, zip, { mode: 0o600 });
  console.log(`Export geschreven naar ${out} (${zip.length} bytes). Geef het bestand veilig aan de collega (niet per gewone e-mail).`);
} catch (err) {
  if (err instanceof UnknownColleagueError) fail(err.message);
  throw err;
} finally {
  await state.close();
}
