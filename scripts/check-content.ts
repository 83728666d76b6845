// Validates content/ (or PLEIN_CONTENT_DIR, or the folder given) and prints file:line problems.
import { CONTENT_DIR } from '../src/config.ts';
import { formatProblem, validateContent } from '../src/lib/validate-content.ts';

const root = process.argv[2] ?? CONTENT_DIR;
const { problems, entries } = validateContent(root);
for (const p of problems) console.log(formatProblem(p));
const counts = Object.entries(entries).map(([k, v]) => `${k} ${v.size}`).join(', ');
const errors = problems.filter((p) => p.severity === 'error').length;
console.log(`${errors} fout(en), ${problems.length - errors} waarschuwing(en) — ${counts}`);
process.exit(errors ? 1 : 0);
