import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEditorComponents } from './editor-components.ts';

const people = { 'anouk-de-vries': { name: 'Anouk de Vries', jobTitle: 'HR-adviseur', email: 'anouk.devries@wadvoort.nl', phone: '0511 459 214' } };
const components = Object.fromEntries(createEditorComponents(people).map((c) => [c.id, c]));
const KB = 'content/weten-en-regelen';
const pages = (readdirSync(KB, { recursive: true }) as string[]).filter((f) => f.endsWith('.mdx')).map((f) => readFileSync(join(KB, f), 'utf8'));

/** Every block of the knowledge pages that a component's pattern recognises at a block start. */
function blocksOf(id: string): string[] {
  const pattern = components[id].pattern;
  const starts = (text: string) => [...text.matchAll(/^<[A-Z]/gm)].map((m) => m.index);
  return pages.flatMap((text) => starts(text).map((i) => pattern.exec(text.slice(i))?.[0]).filter((b): b is string => !!b));
}

describe('editor components', () => {
  it.each(['callout', 'steps', 'contact-card'])('%s: every use in the knowledge pages survives parse and write unchanged', (id) => {
    const blocks = blocksOf(id);
    expect(blocks.length).toBeGreaterThan(0);
    for (const block of blocks) expect(components[id].toBlock(components[id].fromBlock(block.match(components[id].pattern)!))).toBe(block);
  });

  it('writes a callout the site can render, and previews it with the site markup', () => {
    const data = { type: 'let-op', title: 'Let "op"', body: 'Vraag het **op tijd** aan.' };
    expect(components.callout.toBlock(data)).toBe('<Callout type="let-op" title="Let ”op”">\nVraag het **op tijd** aan.\n</Callout>');
    const html = components.callout.toPreview(data);
    expect(html).toContain('class="callout callout-let-op"');
    expect(html).toContain('<strong>op tijd</strong>');
    expect(components.callout.toPreview({ type: 'tip', body: '' })).toContain('Tip');
  });

  it('edits steps as a list and writes a numbered list', () => {
    const data = components.steps.fromBlock('<Steps>\n\n1. Eerst dit.\n2. Dan **dat**.\n\n</Steps>'.match(components.steps.pattern)!);
    expect(data).toEqual({ steps: ['Eerst dit.', 'Dan **dat**.'] });
    expect(components.steps.toPreview(data)).toBe('<div class="steps"><ol><li>Eerst dit.</li><li>Dan <strong>dat</strong>.</li></ol></div>');
  });

  it('previews a contact card from the directory and never trusts input as HTML', () => {
    expect(components['contact-card'].toPreview({ person: 'anouk-de-vries' })).toContain('<a href="mailto:anouk.devries@wadvoort.nl">');
    expect(components['contact-card'].toPreview({ person: '<img onerror=x>' })).not.toContain('<img');
    expect(components['contact-card'].toBlock({ person: 'x" onclick="y' })).toBe('<ContactCard person="xonclicky" />');
    expect(components.callout.toPreview({ type: 'info', title: '<script>', body: '<script>alert(1)</script>' })).not.toContain('<script>');
  });
});
