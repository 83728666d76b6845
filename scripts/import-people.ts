// `npm run import:people -- export.csv [--mapping kolommen.yml] [--dry-run] [--content-dir dir]`:
// imports or updates content/collegas from an HR export; refuses a malformed file and writes nothing.
import { parseArgs } from 'node:util';
import { runPeopleImport } from './lib/run-people-import.ts';
import { contentDirFromEnv } from '../src/lib/content-dir.ts';

const USAGE = 'Gebruik: npm run import:people -- export.csv [--mapping kolommen.yml] [--dry-run] [--content-dir content]';

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: { mapping: { type: 'string' }, 'dry-run': { type: 'boolean', default: false }, 'content-dir': { type: 'string' } },
  });
} catch (err) {
  console.error(`${(err as Error).message}\n${USAGE}`);
  process.exit(2);
}
const { values, positionals } = parsed;
if (positionals.length !== 1) {
  console.error(USAGE);
  process.exit(2);
}
const result = runPeopleImport({
  csvPath: positionals[0],
  mappingPath: values.mapping,
  contentDir: values['content-dir'] ?? contentDirFromEnv(),
  dryRun: values['dry-run'],
});
for (const line of result.problems) console.error(line);
for (const line of result.report) (result.code ? console.error : console.log)(line);
process.exit(result.code);
