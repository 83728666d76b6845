// The registry of content types: where each lives in content/ and which schema defines it.
import type { z } from 'astro/zod';
import { COMMENT_TARGETS, commentSchema } from './comment.ts';
import { departmentSchema } from './department.ts';
import { eventSchema } from './event.ts';
import { groupSchema } from './group.ts';
import { knowledgeSchema } from './knowledge.ts';
import { newsSchema } from './news.ts';
import { personSchema } from './person.ts';
import { postSchema } from './post.ts';
import { sectionSchema } from './section.ts';
import { settingsSchema } from './settings.ts';

/** How one content type is stored, shown and reached: the one place every consumer derives from. */
export interface ContentType {
  /** Folder below the content root. */
  folder: string;
  /** Glob pattern inside that folder. */
  pattern: string;
  /** Markdown types have a body; data types are YAML only. */
  kind: 'markdown' | 'data';
  schema: z.ZodType;
  /** Written by employees through the API (never a CMS collection). */
  userWritten?: boolean;
  /** Where each entry's own page lives (`/nieuws/` → /nieuws/<id>/); absent when entries have no page. */
  urlBase?: string;
  /** Dutch labels (CMS sidebar and "Nieuw …"). */
  label: { plural: string; singular: string };
  /** The `on.type` a comment under an entry carries (src/schemas/comment.ts); absent when it takes no comments. */
  comments?: CommentTarget;
  /** File endings an entry may have, first the one the API writes. */
  extensions: readonly string[];
}

/** Every content type, by Astro collection name. */
export const CONTENT_TYPES = {
  nieuws: { folder: 'nieuws', pattern: '**/*.{md,mdx}', kind: 'markdown', schema: newsSchema, urlBase: '/nieuws/', label: { plural: 'Nieuws', singular: 'Nieuwsbericht' }, comments: 'nieuws', extensions: ['.md', '.mdx'] },
  kennis: { folder: 'weten-en-regelen', pattern: '**/*.{md,mdx}', kind: 'markdown', schema: knowledgeSchema, urlBase: '/weten-en-regelen/', label: { plural: 'Weten en regelen', singular: 'Pagina' }, comments: 'kennis', extensions: ['.mdx', '.md'] },
  secties: { folder: 'weten-en-regelen', pattern: '**/sectie.yml', kind: 'data', schema: sectionSchema, urlBase: '/weten-en-regelen/', label: { plural: 'Weten en regelen: secties', singular: 'Sectie' }, extensions: ['.yml'] },
  groepen: { folder: 'groepen', pattern: '**/*.md', kind: 'markdown', schema: groupSchema, urlBase: '/groepen/', label: { plural: 'Groepen', singular: 'Groep' }, extensions: ['.md'] },
  berichten: { folder: 'berichten', pattern: '**/*.md', kind: 'markdown', schema: postSchema, userWritten: true, urlBase: '/berichten/', label: { plural: 'Berichten', singular: 'Bericht' }, comments: 'bericht', extensions: ['.md'] },
  reacties: { folder: 'reacties', pattern: '**/*.md', kind: 'markdown', schema: commentSchema, userWritten: true, label: { plural: 'Reacties', singular: 'Reactie' }, extensions: ['.md'] },
  collegas: { folder: 'collegas', pattern: '**/*.yml', kind: 'data', schema: personSchema, urlBase: '/collegas/', label: { plural: 'Collega’s', singular: 'Collega' }, extensions: ['.yml'] },
  afdelingen: { folder: 'afdelingen', pattern: '**/*.yml', kind: 'data', schema: departmentSchema, urlBase: '/afdelingen/', label: { plural: 'Afdelingen', singular: 'Afdeling' }, extensions: ['.yml'] },
  agenda: { folder: 'agenda', pattern: '**/*.md', kind: 'markdown', schema: eventSchema, urlBase: '/agenda/', label: { plural: 'Agenda', singular: 'Activiteit' }, comments: 'agenda', extensions: ['.md'] },
  instellingen: { folder: 'instellingen', pattern: 'site.yml', kind: 'data', schema: settingsSchema, label: { plural: 'Instellingen', singular: 'Instellingen' }, extensions: ['.yml'] },
} as const satisfies Record<string, ContentType>;

/** The collection a comment target (`on.type`) points into. */
export const COMMENT_TARGET_COLLECTIONS = Object.fromEntries(
  Object.entries(CONTENT_TYPES).flatMap(([name, type]) => ('comments' in type ? [[type.comments, name]] : [])),
) as { [K in CommentTarget]: CollectionName };

/** What a comment can be placed under (`on.type`). */
export type CommentTarget = (typeof COMMENT_TARGETS)[number];

/** A collection name. */
export type CollectionName = keyof typeof CONTENT_TYPES;

/**
 * The entry id for a file path relative to its type folder: the path without extension,
 * with "sectie.yml" standing for its folder. Posts and comments use only the file name (a ULID).
 */
export function getEntryId(collection: CollectionName, relPath: string): string {
  const noExt = relPath.replace(/\\/g, '/').replace(/\.(mdx?|ya?ml)$/, '');
  if (collection === 'secties') return noExt.replace(/\/?sectie$/, '') || '.';
  if (collection === 'berichten' || collection === 'reacties') return noExt.split('/').pop()!;
  return noExt.toLowerCase();
}
