import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHUNKED_FROM_FILES, contentStorage, countContentFiles } from './content-storage.ts';

describe('content store storage', () => {
  const dir = mkdtempSync(join(tmpdir(), 'plein-storage-'));
  mkdirSync(join(dir, 'nieuws', '2026'), { recursive: true });
  for (let i = 0; i < 5; i++) writeFileSync(join(dir, 'nieuws', '2026', `${i}.md`), '---\ntitle: x\n---\n');
  writeFileSync(join(dir, 'site.yml'), 'name: x\n');

  it('counts the files below the folder, not the folders', () => {
    expect(countContentFiles(dir)).toBe(6);
    expect(countContentFiles(join(dir, 'bestaat-niet'))).toBe(0);
  });

  it('chunks the store from the threshold on, and only then', () => {
    expect(contentStorage(dir, 6)).toBe('chunked');
    expect(contentStorage(dir, 7)).toBe('single-file');
    // The demo organisation stays far below it.
    expect(contentStorage('content')).toBe('single-file');
    expect(countContentFiles('content')).toBeLessThan(CHUNKED_FROM_FILES / 10);
  });
});
