// Reads content/instellingen/site.yml outside Astro (server start-up, build integrations).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { settingsSchema, type Settings } from '../schemas/settings.ts';
import { parseYamlFile } from './front-matter.ts';

/** The site settings of a content folder, or undefined when the file is missing or invalid. */
export function readSiteSettings(contentDir: string): Settings | undefined {
  try {
    const parsed = settingsSchema.safeParse(parseYamlFile(readFileSync(join(contentDir, 'instellingen', 'site.yml'), 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
