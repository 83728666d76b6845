import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateContent } from '../src/lib/validate-content.ts';
import { generateOrganisation, planOrganisation } from './generate-org.ts';

const listAll = (dir: string) => (readdirSync(dir, { recursive: true }) as string[]).filter((f) => /\.(md|yml)$/.test(f)).sort();

describe('generate-org', () => {
  it('writes N items of every type that pass validation', () => {
    const out = mkdtempSync(join(tmpdir(), 'plein-org-'));
    const counts = generateOrganisation(600, out);
    const { problems, entries } = validateContent(out);
    expect(problems.filter((p) => p.severity === 'error').slice(0, 5)).toEqual([]);
    const total = Object.values(entries).reduce((n, m) => n + m.size, 0);
    expect(total).toBe(600);
    for (const [name, map] of Object.entries(entries)) expect(map.size, name).toBeGreaterThan(0);
    expect(entries.collegas.size).toBe(counts.people);
  });

  it('is deterministic for the same seed', () => {
    const a = mkdtempSync(join(tmpdir(), 'plein-org-a-'));
    const b = mkdtempSync(join(tmpdir(), 'plein-org-b-'));
    generateOrganisation(200, a, 7);
    generateOrganisation(200, b, 7);
    const files = listAll(a);
    expect(listAll(b)).toEqual(files);
    for (const f of files.slice(0, 50)) expect(readFileSync(join(b, f), 'utf8')).toBe(readFileSync(join(a, f), 'utf8'));
  });

  it('plans counts that add up to N', () => {
    const plan = planOrganisation(10_000);
    expect(Object.values(plan).reduce((a, b) => a + b, 0) + 1).toBe(10_000);
  });
});
