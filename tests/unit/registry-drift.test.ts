// The content registry (src/schemas/index.ts) is the one definition of each type: this fails when the demo
// content, a page route, the API's paths, the comment targets or the CMS disagree with it.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createContentPaths } from '../../functions/content/paths.ts';
import { createUlid } from '../../functions/lib/ulid.ts';
import { buildCmsConfig } from '../../src/cms/build-config.ts';
import { ENTRY_BASE } from '../../src/lib/entry-paths.ts';
import { DYNAMIC_ROUTES, listRouteFiles } from '../../src/lib/site-paths.ts';
import { COMMENT_TARGETS } from '../../src/schemas/comment.ts';
import { COMMENT_TARGET_COLLECTIONS, CONTENT_TYPES, type CollectionName } from '../../src/schemas/index.ts';

const root = join(import.meta.dirname, '../..');
const names = Object.keys(CONTENT_TYPES) as CollectionName[];

describe('content registry', () => {
  it('names a folder of the demo organisation for every type', () => {
    for (const name of names) {
      const dir = join(root, 'content', CONTENT_TYPES[name].folder);
      expect(existsSync(dir) && statSync(dir).isDirectory(), `${name}: content/${CONTENT_TYPES[name].folder} bestaat niet`).toBe(true);
    }
  });

  it('is where the API writes and reads', () => {
    const paths = createContentPaths('content');
    const ulid = createUlid(Date.UTC(2026, 2, 15));
    for (const name of names) expect(paths.folder(name)).toBe(`content/${CONTENT_TYPES[name].folder}`);
    expect(paths.post(ulid).startsWith(`content/${CONTENT_TYPES.berichten.folder}/`)).toBe(true);
    expect(paths.comment(ulid).startsWith(`content/${CONTENT_TYPES.reacties.folder}/`)).toBe(true);
    expect(paths.entryFiles('groepen', 'koffietijd')).toEqual([`content/${CONTENT_TYPES.groepen.folder}/koffietijd.md`]);
    // Every comment target resolves to files of the collection the registry names for it.
    for (const target of COMMENT_TARGETS) {
      const collection = COMMENT_TARGET_COLLECTIONS[target];
      expect(collection, `${target} heeft geen collectie`).toBeDefined();
      const files = paths.targetFiles(target, target === 'bericht' ? ulid : 'iets') ?? [];
      expect(files.length).toBeGreaterThan(0);
      for (const f of files) expect(f.startsWith(`content/${CONTENT_TYPES[collection].folder}/`)).toBe(true);
    }
  });

  it('has a page route for every URL base, and every entry route follows the registry', () => {
    const routes = listRouteFiles(join(root, 'src/pages'));
    for (const [name, base] of Object.entries(ENTRY_BASE)) {
      const folder = base.replace(/^\/|\/$/g, '');
      expect(routes.some((r) => r.startsWith(`${folder}/[`)), `${name}: geen route src/pages/${folder}/[…]`).toBe(true);
    }
    // The entry pages the routes compute carry the registry's base.
    const entry = { id: 'x', data: {} };
    const content = Object.fromEntries(Object.keys(ENTRY_BASE).map((k) => [k, [entry]])) as never;
    for (const [file, paths] of Object.entries(DYNAMIC_ROUTES)) {
      const folder = file.split('/')[0];
      for (const p of paths(content).filter((r) => r.entry)) expect(p.path.startsWith(`/${folder}/`), `${file} → ${p.path}`).toBe(true);
    }
  });

  it('gives the CMS its folders and labels', () => {
    const config = buildCmsConfig({ env: {}, contentDir: join(root, 'content'), contentFolder: 'content', siteUrl: 'http://localhost:4321' });
    const byFolder = new Map(config.collections.filter((c) => c.folder).map((c) => [c.folder, c]));
    for (const name of names) {
      const type = CONTENT_TYPES[name];
      if ('userWritten' in type || name === 'instellingen' || name === 'kennis' || name === 'secties') continue;
      const collection = byFolder.get(`content/${type.folder}`);
      expect(collection, `${name}: geen CMS-collectie op content/${type.folder}`).toBeDefined();
      expect(collection!.label).toBe(type.label.plural);
    }
  });
});
