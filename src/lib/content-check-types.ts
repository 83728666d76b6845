// The shapes the content checks share (validate-content, check-site, check-links, content-references): a leaf
// file, so the orchestrator imports its parts and no part imports the orchestrator.
import type { CollectionName } from '../schemas/index.ts';

/** The kinds of problem, each with the title of its GitHub annotation. */
export const PROBLEM_TITLES = {
  schema: 'Ongeldige inhoud',
  verwijzing: 'Verwijzing naar iets dat niet bestaat',
  link: 'Kapotte link',
  bestand: 'Ontbrekende afbeelding of bestand',
  'alt-tekst': 'Afbeelding zonder alternatieve tekst',
  dubbel: 'Dubbele id of URL',
  controle: 'Controledatum',
} as const;

/** One thing wrong (or worth a warning) in one file. */
export interface Problem {
  file: string;
  line: number;
  field?: string;
  message: string;
  severity: 'error' | 'warning';
  /** What kind of problem; titles the GitHub annotation. */
  kind: keyof typeof PROBLEM_TITLES;
}

/** A valid entry as the validator saw it. */
export interface CheckedEntry {
  id: string;
  file: string;
  data: Record<string, unknown>;
  body: string;
  /** The line of the file the body starts on. */
  bodyLine: number;
  /** The line of a field in the file, for messages about this entry. */
  lineOf: (path: PropertyKey[]) => number;
}

/** The outcome of a validation run. */
export interface ValidationResult {
  problems: Problem[];
  entries: { [K in CollectionName]: Map<string, CheckedEntry> };
}
