// `npm run build:functions [-- --out <file>]`: prepares functions/ for `wrangler pages deploy`. A Pages Function has
// no disk, so the colleagues it logs in (and the news the must-read routes know) are compiled into
// functions/api/people.generated.ts (gitignored).
import { writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CONTENT_DIR } from '../src/config.ts';
import { renderPeopleModule } from './lib/pages-people-module.ts';

const repo = join(import.meta.dirname, '..');
const { values } = parseArgs({ options: { out: { type: 'string' } } });
const out = resolve(values.out ?? join(repo, 'functions/api/people.generated.ts'));

try {
  const { source, count, news } = renderPeopleModule(resolve(CONTENT_DIR));
  writeFileSync(out, source);
  console.log(`${relative(process.cwd(), out)}: ${count} collega's en ${news} nieuwsberichten voor de Pages Function`);
} catch (err) {
  console.error(`build:functions: ${(err as Error).message}`);
  process.exitCode = 1;
}
