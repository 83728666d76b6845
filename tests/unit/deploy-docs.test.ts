// docs/deploy.md stays true to the code: every environment variable it names is read by the code and every one
// the code reads is documented; every repository path and npm script it names exists.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const doc = readFileSync(join(root, 'docs/deploy.md'), 'utf8');

/** The source files that run (tests left out: a variable only a test sets is not configuration). */
function sourceFiles(): string[] {
  return ['functions', 'scripts', 'src'].flatMap((dir) =>
    (readdirSync(join(root, dir), { recursive: true }) as string[])
      .filter((f) => /\.(ts|mjs|astro)$/.test(f) && !/\.test\.ts$/.test(f) && !f.split(/[\\/]/).includes('fixtures'))
      .map((f) => join(dir, f)),
  );
}
const code = sourceFiles().map((f) => readFileSync(join(root, f), 'utf8')).join('\n');

/** PLEIN_ names; a prefix such as PLEIN_OIDC_* or a template `PLEIN_GITHUB_${x}` is not a name. */
const plein = (text: string) => new Set(text.match(/\bPLEIN_[A-Z0-9_]*[A-Z0-9](?![A-Z0-9_*])/g) ?? []);
/** Code constants that merely share the prefix (PLEIN_BOT, the bot identity) are not environment variables. */
const declared = new Set([...code.matchAll(/\b(?:const|let|var|function|class|interface|type)\s+(PLEIN_[A-Z0-9_]+)\b/g)].map((m) => m[1]));
const codeVars = new Set([...plein(code)].filter((n) => !declared.has(n)));

describe('docs/deploy.md', () => {
  it('documents every PLEIN_ variable the code reads', () => {
    expect(codeVars.size).toBeGreaterThan(20);
    expect([...codeVars].filter((n) => !plein(doc).has(n)).sort()).toEqual([]);
  });

  it('names no PLEIN_ variable the code does not read', () => {
    expect([...plein(doc)].filter((n) => !codeVars.has(n)).sort()).toEqual([]);
  });

  it('documents the other variables the code reads from the environment', () => {
    const other = new Set(
      [...code.matchAll(/(?<!import\.meta\.)\benv(?:\?)?\.([A-Z][A-Z0-9_]+)\b/g)].map((m) => m[1]).filter((n) => !n.startsWith('PLEIN_') && n !== 'PATH'),
    );
    expect(other.size).toBeGreaterThan(3);
    expect([...other].filter((n) => !doc.includes(`\`${n}\``)).sort()).toEqual([]);
  });

  it('names only repository paths that exist and npm scripts that package.json has', () => {
    const paths = [...doc.matchAll(/`((?:functions|scripts|src|content|docs|public|tests|\.github)\/[^`<>*\s]*)`/g)].map((m) => m[1]);
    expect(paths.length).toBeGreaterThan(5);
    expect(paths.filter((p) => !existsSync(join(root, p)))).toEqual([]);
    const scripts = Object.keys(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts);
    const used = [...doc.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]);
    expect(used.filter((s) => !scripts.includes(s))).toEqual([]);
  });

  it('is linked from the README', () => {
    expect(readFileSync(join(root, 'README.md'), 'utf8')).toContain('(docs/deploy.md)');
  });
});
