// Astro collections, built from the registry in src/schemas (the single definition per type).
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { CONTENT_DIR } from './config.ts';
import { CONTENT_TYPES, getEntryId, type CollectionName } from './schemas/index.ts';

function makeCollection<N extends CollectionName>(name: N) {
  const type = CONTENT_TYPES[name];
  return defineCollection({
    loader: glob({
      pattern: type.pattern,
      base: `${CONTENT_DIR}/${type.folder}`,
      generateId: ({ entry }) => getEntryId(name, entry),
    }),
    schema: type.schema as (typeof CONTENT_TYPES)[N]['schema'],
  });
}

export const collections = {
  nieuws: makeCollection('nieuws'),
  kennis: makeCollection('kennis'),
  secties: makeCollection('secties'),
  groepen: makeCollection('groepen'),
  berichten: makeCollection('berichten'),
  reacties: makeCollection('reacties'),
  collegas: makeCollection('collegas'),
  afdelingen: makeCollection('afdelingen'),
  agenda: makeCollection('agenda'),
  instellingen: makeCollection('instellingen'),
};
