import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem, validateContent } from './validate-content.ts';

describe('images in editors’ Markdown', () => {
  it('refuses an image without alt text, with file and line', () => {
    const root = mkdtempSync(join(tmpdir(), 'plein-alt-'));
    mkdirSync(join(root, 'agenda'));
    const front = '---\ntitle: Een activiteit\nsummary: Een activiteit met een plaatje erbij.\nstart: 2026-11-20T10:00:00+01:00\nend: 2026-11-20T11:00:00+01:00\nlocation: Stadhuis\norganiser: hr\n---\n';
    writeFileSync(join(root, 'agenda', 'zonder.md'), `${front}Tekst.\n\n![](/media/logo.svg)\n`);
    writeFileSync(join(root, 'agenda', 'met.md'), `${front}Tekst.\n\n![Het logo van Plein](/media/logo.svg)\n`);
    const problems = validateContent(root).problems.filter((p) => p.message.includes('alternatieve tekst'));
    expect(problems.map(formatProblem)).toEqual([expect.stringMatching(/agenda\/zonder\.md:11: afbeelding zonder alternatieve tekst/)]);
  });
});
