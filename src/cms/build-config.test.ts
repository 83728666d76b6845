// The drift test: every field of every editor-facing schema is in the generated CMS config, fittingly.
import { describe, expect, it, vi } from 'vitest';
import type { z } from 'astro/zod';
import { parse, stringify } from 'yaml';
import { CONTENT_TYPES, type CollectionName } from '../schemas/index.ts';
import { parseFrontMatter, parseYamlFile } from '../lib/front-matter.ts';
import { buildCmsConfig, CMS_TYPES, getCmsConfig, getCmsContentFolder, type CmsCollection } from './build-config.ts';
import { checkEntry, getContentType, pruneEmpty } from './entry-check.ts';
import { unwrapField, type CmsField } from './fields.ts';

const config = buildCmsConfig({ contentDir: 'content', contentFolder: 'content', env: {}, siteUrl: 'http://localhost:4321' });

/** The widgets that fit a zod type. */
const FITTING: Record<string, string[]> = {
  string: ['string', 'text', 'image', 'relation', 'select'],
  date: ['datetime'],
  boolean: ['boolean'],
  number: ['number'],
  enum: ['select'],
  array: ['list', 'relation', 'select'],
  object: ['object'],
};

function fieldsOfType(type: CollectionName): CmsField[][] {
  return config.collections
    .filter((c) => getContentType(c.name) === type)
    .flatMap((c) => (c.files ? c.files.map((f) => f.fields) : [c.fields!]));
}

/** Compares a zod object with CMS fields, recursively; returns a list of mismatches. */
function compare(schema: z.ZodObject, fields: CmsField[], path: string, parentOptional = false): string[] {
  const problems: string[] = [];
  for (const [name, fieldSchema] of Object.entries(schema.shape)) {
    const at = `${path}.${name}`;
    const field = fields.find((f) => f.name === name);
    if (!field) {
      problems.push(`${at}: ontbreekt in de CMS-config`);
      continue;
    }
    const { inner, optional, hint } = unwrapField(fieldSchema as z.ZodType);
    const type = inner.def.type as string;
    if (!FITTING[type]?.includes(field.widget)) problems.push(`${at}: widget ${field.widget} past niet bij ${type}`);
    if (!hint?.label || field.label !== hint.label) problems.push(`${at}: label "${field.label}" ≠ schema "${hint?.label}"`);
    if (hint?.hint && !String(field.hint ?? '').includes(hint.hint)) problems.push(`${at}: hint ontbreekt`);
    const required = field.required !== false;
    const expected = !optional && !parentOptional;
    if (required !== expected) problems.push(`${at}: required=${required}, schema zegt ${expected}`);
    if (type === 'object') problems.push(...compare(inner as unknown as z.ZodObject, field.fields ?? [], at, optional || parentOptional));
    if (type === 'array' && inner.def.element.def.type === 'object') problems.push(...compare(inner.def.element, field.fields ?? [], `${at}[]`));
  }
  for (const f of fields) if (f.name !== 'body' && !(f.name in schema.shape)) problems.push(`${path}.${f.name}: staat niet in het schema`);
  return problems;
}

describe('generated CMS config', () => {
  it('has a collection for every editor-facing type and none for posts or comments', () => {
    expect(CMS_TYPES.sort()).toEqual(['afdelingen', 'agenda', 'collegas', 'groepen', 'instellingen', 'kennis', 'nieuws', 'secties']);
    for (const type of CMS_TYPES) expect(fieldsOfType(type).length, type).toBeGreaterThan(0);
    // Where the config points (collections, folders, files, media), without the fields: the retention setting names posts and comments.
    const text = JSON.stringify(config, (key, value) => (key === 'fields' ? undefined : value));
    expect(text).not.toMatch(/berichten|reacties/);
  });

  it.each(CMS_TYPES)('matches the %s schema field by field (widget, required, label, hint)', (type) => {
    for (const fields of fieldsOfType(type)) expect(compare(CONTENT_TYPES[type].schema as unknown as z.ZodObject, fields, type)).toEqual([]);
  });

  it('has one collection per knowledge section, with MDX and the editor components', () => {
    const sections = config.collections.filter((c) => c.name.startsWith('kennis-'));
    expect(sections.map((c) => c.folder)).toContain('content/weten-en-regelen/hr/verlof');
    for (const c of sections) {
      expect(c).toMatchObject({ extension: 'mdx', format: 'frontmatter', create: true });
      const body = c.fields!.find((f) => f.name === 'body')!;
      expect(body).toMatchObject({ widget: 'markdown', sanitize_preview: true, editor_components: ['image', 'callout', 'contact-card', 'steps'] });
    }
  });

  it('points id fields at colleagues and departments', () => {
    const news = config.collections.find((c) => c.name === 'nieuws')!.fields!;
    expect(news.find((f) => f.name === 'author')).toMatchObject({ widget: 'relation', collection: 'collegas', value_field: '{{slug}}' });
    const person = config.collections.find((c) => c.name === 'collegas')!.fields!;
    expect(person.find((f) => f.name === 'department')).toMatchObject({ widget: 'relation', collection: 'afdelingen' });
    const owner = config.collections.find((c) => c.name === 'kennis-hr')!.fields!.find((f) => f.name === 'owner')!;
    const values = (owner.options as { value: string }[]).map((o) => o.value);
    expect(values).toEqual(expect.arrayContaining(['hr', 'anouk-de-vries']));
  });

  it('writes a list of choices that fields repeat once in config.yml, not each choice under an anchor of its own', () => {
    const owners = config.collections.filter((c) => c.name.startsWith('kennis-')).map((c) => c.fields!.find((f) => f.name === 'owner')!.options);
    expect(owners.length).toBeGreaterThan(1);
    for (const options of owners) expect(options).toBe(owners[0]);
    const yaml = stringify(config, { lineWidth: 0 });
    // A choice is a list item that is a map: "- label: …"; with an anchor of its own it is "- &a12".
    expect(yaml).toContain('- label: ');
    expect(yaml).not.toMatch(/^ *- &a\d+$/m);
    // Read back (Decap parses config.yml with the same yaml package) it is the same configuration.
    expect(parse(yaml)).toEqual(config);
  });

  it('offers news its notification switch, off unless the editor turns it on (issue 14)', () => {
    const news = config.collections.find((c) => c.name === 'nieuws')!.fields!;
    expect(news.find((f) => f.name === 'melding')).toMatchObject({ widget: 'boolean', label: 'Als melding sturen', default: false, required: false });
  });

  it('sets the editorial workflow, Dutch, safe previews and one media folder', () => {
    expect(config).toMatchObject({ locale: 'nl', publish_mode: 'editorial_workflow', media_folder: 'public/media', public_folder: '/media' });
    expect(config.backend).toEqual({ name: 'proxy', proxy_url: 'http://127.0.0.1:8081/api/v1', branch: 'main' });
    for (const c of config.collections) for (const f of c.fields ?? []) if (f.widget === 'markdown') expect(f.sanitize_preview).toBe(true);
  });
});

const CANDIDATES = ['Een voorbeeldtekst van genoeg lengte', 'redactie@wadvoort.nl', '0511 459 000', '/media/logo.svg', '@wadvoort/communicatie', 'wadvoort/intranet', '#0b5394'];

/** A value like the one Decap's widget would save for this field. */
function sampleValue(field: CmsField): unknown {
  switch (field.widget) {
    case 'image':
      return '/media/logo.svg';
    case 'string':
    case 'text': {
      // The first candidate the CMS's own pattern accepts is what an editor could type.
      const pattern = field.pattern ? new RegExp(field.pattern[0]) : undefined;
      const value = CANDIDATES.find((c) => !pattern || pattern.test(c));
      if (!value) throw new Error(`geen voorbeeld past bij ${field.name}`);
      return value;
    }
    case 'datetime':
      if (field.time_format === false) return '2026-11-20';
      // End and expiry come after start and publication (a rule only the save check can see).
      return ['end', 'expiryDate'].includes(field.name) ? '2026-12-01T17:00:00+01:00' : '2026-11-20T09:30:00+01:00';
    case 'boolean':
      return true;
    case 'number':
      return (field.min as number | undefined) ?? 3;
    case 'select': {
      const first = (field.options as { value: string }[])[0].value;
      return field.multiple ? [first] : first;
    }
    case 'relation':
      return field.multiple ? ['iris-kuipers'] : field.collection === 'afdelingen' ? 'hr' : 'iris-kuipers';
    case 'list':
      return field.fields ? [sampleEntry(field.fields)] : ['een', 'twee'];
    case 'object':
      return sampleEntry(field.fields!);
    case 'markdown':
      return 'Tekst met **nadruk**.';
    default:
      throw new Error(`geen voorbeeld voor ${field.widget}`);
  }
}

function sampleEntry(fields: CmsField[]): Record<string, unknown> {
  return Object.fromEntries(fields.map((f) => [f.name, sampleValue(f)]));
}

describe('entries as the CMS saves them', () => {
  const collections: CmsCollection[] = config.collections;
  it.each(collections.map((c) => [c.name, c] as const))('%s: a filled-in entry, written as Decap writes it, validates', (name, collection) => {
    for (const fields of collection.files ? collection.files.map((f) => f.fields) : [collection.fields!]) {
      const data = sampleEntry(fields);
      const type = getContentType(name)!;
      // Round trip through the same YAML the files use.
      const { body, ...front } = data;
      const written = CONTENT_TYPES[type].kind === 'markdown' ? `---\n${stringify(front)}---\n${body ?? ''}` : stringify(front);
      const read = CONTENT_TYPES[type].kind === 'markdown' ? (parseFrontMatter(written).data as object) : (parseYamlFile(written) as object);
      expect(checkEntry(name, { ...read, body })).toEqual([]);
    }
  });

  it('drops fields an editor emptied, so an empty optional date or e-mail is no error', () => {
    const data = pruneEmpty({ name: 'ICT', description: 'Alles over computers en telefoons.', email: '', phone: '', manager: null, location: '' });
    expect(data).toEqual({ name: 'ICT', description: 'Alles over computers en telefoons.' });
    expect(checkEntry('afdelingen', data)).toEqual([]);
    expect(pruneEmpty({ cover: { src: '', alt: '' }, tags: ['a', ''] })).toEqual({ tags: ['a'] });
  });

  it('refuses what the build would refuse, in Dutch', () => {
    expect(checkEntry('kennis-hr', { title: 'Een pagina', summary: 'Lang genoeg als samenvatting.', reviewedAt: '2026-01-01' })).toContain('owner: is verplicht maar ontbreekt');
    expect(checkEntry('nieuws', { ...sampleEntry(config.collections[0].fields!), cover: { src: '/media/logo.svg' } }).join()).toMatch(/cover\.alt/);
    expect(checkEntry('nieuws', { ...sampleEntry(config.collections[0].fields!), body: 'Zie ![](/media/logo.svg)' }).join()).toMatch(/alternatieve tekst/);
  });

  it('reads the content folder relative to the repository', () => {
    expect(getCmsContentFolder({}, 'content')).toBe('content');
    expect(getCmsContentFolder({}, '/tmp/x/content')).toBe('content');
    expect(getCmsContentFolder({ PLEIN_CMS_CONTENT_FOLDER: 'org/content/' }, 'content')).toBe('org/content');
    expect(() => getCmsContentFolder({ PLEIN_CMS_CONTENT_FOLDER: '../buiten' }, 'content')).toThrow(/binnen de repository/);
  });
});

describe('getCmsConfig', () => {
  const options = { contentDir: 'content', contentFolder: 'content', env: {}, siteUrl: 'http://localhost:4321' };
  it('builds the configuration once in a static build (for /admin/ and /admin/config.yml), anew for each request in dev', () => {
    vi.stubEnv('DEV', false);
    try {
      const first = getCmsConfig(options);
      expect(getCmsConfig(options)).toBe(first);
      expect(getCmsConfig({ ...options, siteUrl: 'https://intranet.example' })).not.toBe(first);
      expect(first).toEqual(config);
    } finally {
      vi.unstubAllEnvs();
    }
    expect(getCmsConfig(options)).not.toBe(getCmsConfig(options));
  });
});
