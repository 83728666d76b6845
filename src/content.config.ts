// Astro collections, built from the registry in src/schemas (the single definition per type).
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { CONTENT_DIR } from './config.ts';
import { CONTENT_TYPES, getEntryId, type CollectionName } from './schemas/index.ts';

/** The glob loader for one content type, with ids as src/schemas/index.ts defines them. */
function loaderFor(name: CollectionName) {
  const type = CONTENT_TYPES[name];
  return glob({
    pattern: type.pattern,
    base: `${CONTENT_DIR}/${type.folder}`,
    generateId: ({ entry }) => getEntryId(name, entry),
  });
}

// Spelled out per type so each collection keeps its schema's exact TypeScript type.
export const collections = {
  nieuws: defineCollection({ loader: loaderFor('nieuws'), schema: CONTENT_TYPES.nieuws.schema }),
  kennis: defineCollection({ loader: loaderFor('kennis'), schema: CONTENT_TYPES.kennis.schema }),
  secties: defineCollection({ loader: loaderFor('secties'), schema: CONTENT_TYPES.secties.schema }),
  groepen: defineCollection({ loader: loaderFor('groepen'), schema: CONTENT_TYPES.groepen.schema }),
  berichten: defineCollection({ loader: loaderFor('berichten'), schema: CONTENT_TYPES.berichten.schema }),
  reacties: defineCollection({ loader: loaderFor('reacties'), schema: CONTENT_TYPES.reacties.schema }),
  collegas: defineCollection({ loader: loaderFor('collegas'), schema: CONTENT_TYPES.collegas.schema }),
  afdelingen: defineCollection({ loader: loaderFor('afdelingen'), schema: CONTENT_TYPES.afdelingen.schema }),
  agenda: defineCollection({ loader: loaderFor('agenda'), schema: CONTENT_TYPES.agenda.schema }),
  instellingen: defineCollection({ loader: loaderFor('instellingen'), schema: CONTENT_TYPES.instellingen.schema }),
} satisfies Record<CollectionName, unknown>;
