// Builds the Decap CMS configuration (served as /admin/config.yml) from src/schemas and the content folder.
import { isAbsolute } from 'node:path';
import type { z } from 'astro/zod';
import { CONTENT_TYPES, type CollectionName } from '../schemas/index.ts';
import { readContentEntries, type CheckedEntry } from '../lib/validate-content.ts';
import { resolveCmsBackend, type CmsBackendSettings, type CmsEnv } from './backend.ts';
import { toCmsFields, type CmsField, type CmsOption, type RefOptions } from './fields.ts';
import { BODY_LABEL, COLLECTION_LABELS, COMMIT_MESSAGES, SETTINGS_FILE_LABEL } from './labels.ts';

/** The editor components knowledge pages offer (src/cms/editor-components.ts); news etc. get only images. */
export const KNOWLEDGE_COMPONENTS = ['image', 'callout', 'contact-card', 'steps'];
const PLAIN_COMPONENTS = ['image'];

/** The content types editors manage; posts and comments (user-written) never become CMS collections. */
export const CMS_TYPES = (Object.keys(CONTENT_TYPES) as CollectionName[]).filter(
  (name) => !(CONTENT_TYPES[name] as { userWritten?: boolean }).userWritten,
);

/** A Decap collection: a folder of entries or a list of single files. */
export interface CmsCollection {
  name: string;
  label: string;
  label_singular?: string;
  folder?: string;
  files?: { name: string; label: string; file: string; fields: CmsField[] }[];
  fields?: CmsField[];
  [option: string]: unknown;
}

/** The whole Decap configuration. */
export interface CmsConfig {
  collections: CmsCollection[];
  [option: string]: unknown;
}

/** What the generator needs: where to read content and how the repository calls that folder. */
export interface BuildCmsConfigOptions {
  /** The content folder on disk (read for sections and choices). */
  contentDir: string;
  /** The same folder relative to the repository root, as decap-server and GitHub see it. */
  contentFolder: string;
  env: CmsEnv;
  siteUrl: string;
}

/** The content folder as the repository names it: PLEIN_CMS_CONTENT_FOLDER, else the relative content dir. */
export function getCmsContentFolder(env: CmsEnv, contentDir: string): string {
  const folder = env.PLEIN_CMS_CONTENT_FOLDER ?? (isAbsolute(contentDir) ? 'content' : contentDir);
  const clean = folder.replace(/^\.\//, '').replace(/\/+$/, '');
  if (!clean || clean.startsWith('..') || isAbsolute(clean)) throw new Error(`PLEIN_CMS_CONTENT_FOLDER moet een map binnen de repository zijn, niet "${folder}"`);
  return clean;
}

function body(components: string[], required: boolean): CmsField {
  return { name: 'body', label: BODY_LABEL, widget: 'markdown', required, modes: ['rich_text', 'raw'], editor_components: components, sanitize_preview: true };
}

function byLabel(a: CmsOption, b: CmsOption) {
  return a.label.localeCompare(b.label, 'nl');
}

/** The choices a list in the site settings (roles, locations) offers, by name. */
function settingsList(entries: ReturnType<typeof readContentEntries>['entries'], field: 'roles' | 'locations'): CmsOption[] {
  const list = (entries.instellingen.get('site')?.data[field] ?? []) as { id: string; label: string }[];
  return list.map((item) => ({ label: item.label, value: item.id })).sort(byLabel);
}

/** The choices for id fields, from the entries in the content folder (and the lists in the site settings). */
function collectRefOptions(entries: ReturnType<typeof readContentEntries>['entries']): RefOptions {
  const named = (map: Map<string, CheckedEntry>, suffix: string) =>
    [...map.values()].map((e) => ({ label: `${String(e.data.name)}${suffix}`, value: e.id })).sort(byLabel);
  const sectionTitle = (id: string) => String(entries.secties.get(id.split('/').slice(0, -1).join('/'))?.data.title ?? '');
  return {
    collegas: named(entries.collegas, ' (collega)'),
    afdelingen: named(entries.afdelingen, ' (afdeling)'),
    groepen: named(entries.groepen, ''),
    rollen: settingsList(entries, 'roles'),
    locaties: settingsList(entries, 'locations'),
    kennis: [...entries.kennis.values()].map((e) => ({ label: `${sectionTitle(e.id)} › ${String(e.data.title)}`, value: e.id })).sort(byLabel),
  };
}

function backendConfig(backend: CmsBackendSettings): Record<string, unknown> {
  if (backend.kind === 'local') return { name: 'proxy', proxy_url: backend.proxyUrl, branch: backend.branch };
  return {
    name: 'github',
    repo: backend.repo,
    branch: backend.branch,
    base_url: backend.authBaseUrl,
    auth_endpoint: 'api/auth',
    ...(backend.apiRoot ? { api_root: backend.apiRoot } : {}),
  };
}

function folderCollection(name: string, folder: string, type: CollectionName, extra: Record<string, unknown>, fields: CmsField[]): CmsCollection {
  const { label, singular } = COLLECTION_LABELS[type as keyof typeof COLLECTION_LABELS];
  return { name, label, label_singular: singular, folder, create: true, slug: '{{slug}}', ...extra, fields };
}

/** The content types whose entries the configuration lists (choices for id fields, sections, the logo). */
const CMS_LOOKUP_TYPES = ['collegas', 'afdelingen', 'groepen', 'kennis', 'secties', 'instellingen'] as const;

const builtForBuild = new Map<string, CmsConfig>();

/**
 * The configuration for /admin/ and /admin/config.yml: built once per static build (each page asked for it and read
 * the content folder again); in dev, where content changes between requests, built anew for each.
 */
export function getCmsConfig(options: BuildCmsConfigOptions): CmsConfig {
  if (import.meta.env.DEV) return buildCmsConfig(options);
  const key = JSON.stringify([options.contentDir, options.contentFolder, options.siteUrl]);
  let config = builtForBuild.get(key);
  if (!config) builtForBuild.set(key, (config = buildCmsConfig(options)));
  return config;
}

/** Builds the full Decap configuration. Throws (in Dutch) when the environment is inconsistent. */
export function buildCmsConfig(options: BuildCmsConfigOptions): CmsConfig {
  const backend = resolveCmsBackend(options.env);
  // Only the entries' ids and names are needed; the content check (astro:config:setup) has validated the site.
  const { entries } = readContentEntries(options.contentDir, CMS_LOOKUP_TYPES);
  const refs = collectRefOptions(entries);
  const fieldsOf = (type: CollectionName) => toCmsFields(CONTENT_TYPES[type].schema as unknown as z.ZodObject, refs);
  const dir = (type: CollectionName) => `${options.contentFolder}/${CONTENT_TYPES[type].folder}`;
  const markdown = { extension: 'md', format: 'frontmatter' };
  const yaml = { extension: 'yml', format: 'yml' };

  const sections = [...entries.secties.values()].sort((a, b) => a.id.localeCompare(b.id));
  const sectionLabel = (id: string) =>
    id.split('/').map((_, i, parts) => String(entries.secties.get(parts.slice(0, i + 1).join('/'))?.data.title ?? parts[i])).join(' › ');
  const collectionNames = new Set<string>();
  const unique = (name: string) => {
    if (collectionNames.has(name)) throw new Error(`CMS: twee collecties heten "${name}"; hernoem een sectiemap`);
    collectionNames.add(name);
    return name;
  };

  const knowledge = sections.map((s) =>
    folderCollection(unique(`kennis-${s.id.replace(/\//g, '-')}`), `${dir('kennis')}/${s.id}`, 'kennis', {
      label: `${COLLECTION_LABELS.kennis.label}: ${sectionLabel(s.id)}`,
      extension: 'mdx',
      format: 'frontmatter',
      summary: '{{title}}',
      sortable_fields: ['title', 'order', 'reviewedAt'],
    }, [...fieldsOf('kennis'), body(KNOWLEDGE_COMPONENTS, true)]),
  );

  const collections: CmsCollection[] = [
    folderCollection(unique('nieuws'), dir('nieuws'), 'nieuws', { ...markdown, identifier_field: 'title', summary: "{{title}} ({{date | date('DD-MM-YYYY')}})", sortable_fields: ['date', 'title'] }, [...fieldsOf('nieuws'), body(PLAIN_COMPONENTS, true)]),
    ...knowledge,
    {
      name: unique('secties'),
      label: COLLECTION_LABELS.secties.label,
      label_singular: COLLECTION_LABELS.secties.singular,
      files: sections.map((s) => ({ name: `sectie-${s.id.replace(/\//g, '-')}`, label: sectionLabel(s.id), file: `${dir('secties')}/${s.id}/sectie.yml`, fields: fieldsOf('secties') })),
    },
    folderCollection(unique('agenda'), dir('agenda'), 'agenda', { ...markdown, identifier_field: 'title', sortable_fields: ['start', 'title'] }, [...fieldsOf('agenda'), body(PLAIN_COMPONENTS, false)]),
    folderCollection(unique('collegas'), dir('collegas'), 'collegas', { ...yaml, identifier_field: 'name', sortable_fields: ['name'] }, fieldsOf('collegas')),
    folderCollection(unique('afdelingen'), dir('afdelingen'), 'afdelingen', { ...yaml, identifier_field: 'name' }, fieldsOf('afdelingen')),
    folderCollection(unique('groepen'), dir('groepen'), 'groepen', { ...markdown, identifier_field: 'name' }, [...fieldsOf('groepen'), body(PLAIN_COMPONENTS, false)]),
    {
      name: unique('instellingen'),
      label: COLLECTION_LABELS.instellingen.label,
      label_singular: COLLECTION_LABELS.instellingen.singular,
      editor: { preview: false },
      files: [{ name: 'site', label: SETTINGS_FILE_LABEL, file: `${dir('instellingen')}/site.yml`, fields: fieldsOf('instellingen') }],
    },
  ];

  const logo = entries.instellingen.get('site')?.data.logo as { src?: string } | undefined;
  return {
    locale: 'nl',
    backend: backendConfig(backend),
    publish_mode: 'editorial_workflow',
    site_url: options.siteUrl,
    display_url: options.siteUrl,
    ...(logo?.src ? { logo: { src: logo.src, show_in_header: true } } : {}),
    media_folder: 'public/media',
    public_folder: '/media',
    // Raster uploads are re-encoded in the browser: WebP, no EXIF/GPS metadata.
    media_processing: { enabled: true, format: { enabled: true, default: 'webp' }, quality: 82, strip_metadata: true },
    slug: { encoding: 'ascii', clean_accents: true, sanitize_replacement: '-' },
    show_preview_links: false,
    commit_messages: COMMIT_MESSAGES,
    collections,
  };
}
