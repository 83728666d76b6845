// No import circles in functions/, src/ and scripts/ (madge over the TypeScript sources), and no relative import
// madge could not resolve (an unresolved file would hide the circles through it).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import madge from 'madge';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');

/** The circles and the unresolved relative imports of `dirs` (relative to `base`). */
async function findCircles(base: string, dirs: string[]) {
  const result = await madge(dirs.map((d) => join(base, d)), {
    baseDir: base,
    fileExtensions: ['ts', 'mjs'],
    tsConfig: join(root, 'tsconfig.json'),
    excludeRegExp: [/node_modules/, /\.generated\.d\.ts$/],
  });
  // Packages (astro/zod, astro:content) are skipped by design; a relative path that did not resolve is a mistake.
  const unresolved = result.warnings().skipped.filter((s: string) => s.startsWith('.') || s.startsWith('/'));
  return { circles: result.circular(), unresolved, files: Object.keys(result.obj()).length };
}

const planted = mkdtempSync(join(tmpdir(), 'plein-circles-'));
afterAll(() => rmSync(planted, { recursive: true, force: true }));

describe('import circles', () => {
  it('functions, src and scripts have none, and every relative import resolves', async () => {
    const { circles, unresolved, files } = await findCircles(root, ['functions', 'src', 'scripts']);
    expect(files).toBeGreaterThan(200);
    expect(unresolved).toEqual([]);
    expect(circles).toEqual([]);
  });

  it('reports a planted circle, even one made of type-only imports', async () => {
    writeFileSync(join(planted, 'a.ts'), "import type { B } from './b.ts';\nexport interface A { b?: B }\n");
    writeFileSync(join(planted, 'b.ts'), "import type { A } from './a.ts';\nexport interface B { a?: A }\n");
    writeFileSync(join(planted, 'c.ts'), "export const c = 1;\n");
    const { circles } = await findCircles(planted, ['.']);
    expect(circles).toEqual([['a.ts', 'b.ts']]);
  });

  it('reports a relative import that does not resolve', async () => {
    writeFileSync(join(planted, 'd.ts'), "import { gone } from './bestaat-niet.ts';\nexport const d = gone;\n");
    const { unresolved } = await findCircles(planted, ['.']);
    expect(unresolved.join('\n')).toMatch(/bestaat-niet/);
  });
});
