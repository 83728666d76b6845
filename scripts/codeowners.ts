// `npm run codeowners [-- <content folder>] [--out <file>] [--check]`: writes .github/CODEOWNERS from the owners
// of the knowledge sections and pages. --check writes nothing and exits 1 when the file is out of date (for CI).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CONTENT_DIR } from '../src/config.ts';
import { buildCodeowners } from '../src/lib/codeowners.ts';
import { formatAnnotation, formatProblem, validateContent, type Problem } from '../src/lib/validate-content.ts';

const repo = join(import.meta.dirname, '..');
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { out: { type: 'string' }, check: { type: 'boolean', default: false } },
});
const contentDir = resolve(positionals[0] ?? CONTENT_DIR);
const out = resolve(values.out ?? join(repo, '.github/CODEOWNERS'));
const annotate = process.env.GITHUB_ACTIONS === 'true';
const print = (p: Problem) => console.log(annotate ? `${formatProblem(p)}\n${formatAnnotation(p)}` : formatProblem(p));

/** Writes or checks the file; returns the exit code. */
function main(): number {
  const { problems, entries } = validateContent(contentDir, { pagesDir: join(repo, 'src/pages'), publicDir: join(repo, 'public') });
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length) {
    // Owners from invalid files would be missing: better no CODEOWNERS than a wrong one.
    errors.forEach(print);
    console.log(`${errors.length} fout(en) in de inhoud: CODEOWNERS is niet geschreven (herstel eerst, zie npm run check:content)`);
    return 1;
  }
  const { text, warnings } = buildCodeowners(entries, relative(repo, contentDir), (file) => relative(repo, resolve(file)));
  warnings.forEach(print);
  const current = existsSync(out) ? readFileSync(out, 'utf8') : undefined;
  const name = relative(process.cwd(), out);
  if (values.check) {
    if (current === text) {
      console.log(`${name} is actueel (${warnings.length} eigenaar/eigenaren zonder GitHub-team)`);
      return 0;
    }
    console.log(`${name} is ${current === undefined ? 'er niet' : 'verouderd'}: draai npm run codeowners en commit het resultaat`);
    return 1;
  }
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, text);
  console.log(`${name} ${current === text ? 'was al actueel' : 'geschreven'}: ${text.split('\n').filter((l) => l.startsWith('/')).length} regel(s), ${warnings.length} waarschuwing(en)`);
  return 0;
}

// exitCode rather than exit(): a piped stdout (CI) is written asynchronously and exit() would cut it short.
process.exitCode = main();
