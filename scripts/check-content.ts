// `npm run check:content [-- <content folder>] [--public <folder>]`: validates content/ (or PLEIN_CONTENT_DIR, or the
// folder given) and prints `file:line: problem` lines; in GitHub Actions also annotations on the pull request.
// Exits 1 when there are errors; warnings (such as a knowledge page past its review date) alone exit 0.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CONTENT_DIR } from '../src/config.ts';
import { formatAnnotation, formatProblem, validateContent } from '../src/lib/validate-content.ts';

const root = join(import.meta.dirname, '..');
const { values, positionals } = parseArgs({ allowPositionals: true, options: { public: { type: 'string' } } });
const { problems, entries } = validateContent(positionals[0] ?? CONTENT_DIR, {
  pagesDir: join(root, 'src/pages'),
  publicDir: values.public ?? join(root, 'public'),
});
const annotate = process.env.GITHUB_ACTIONS === 'true';
for (const p of problems) {
  console.log(formatProblem(p));
  if (annotate) console.log(formatAnnotation(p));
}
const counts = Object.entries(entries).map(([k, v]) => `${k} ${v.size}`).join(', ');
const errors = problems.filter((p) => p.severity === 'error').length;
console.log(`${errors} fout(en), ${problems.length - errors} waarschuwing(en) — ${counts}`);
// exitCode, not exit(): a piped stdout (CI) is written asynchronously and exit() would cut the list short.
process.exitCode = errors ? 1 : 0;
