// Runs an import of an HR export against a content folder: reads, plans, reports in Dutch, writes only when all is valid.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { decodeUtf8 } from './csv.ts';
import { planPeopleImport, type ExistingPerson, type ImportPlan, type KnownChoice, type KnownDepartment } from './people-import.ts';
import { MappingError, readMapping } from './people-mapping.ts';

/** What to import and where. */
export interface PeopleImportOptions {
  csvPath: string;
  mappingPath?: string;
  contentDir: string;
  dryRun: boolean;
}

/** The outcome: report lines for stdout, problem lines for stderr, the exit code. */
export interface PeopleImportResult {
  code: number;
  report: string[];
  problems: string[];
  plan?: ImportPlan;
}

function readYamlFolder(dir: string): ExistingPerson[] {
  if (!existsSync(dir)) return [];
  return (readdirSync(dir, { recursive: true }) as string[])
    .map((n) => n.replace(/\\/g, '/'))
    .filter((n) => /\.ya?ml$/.test(n))
    .sort()
    .map((n) => ({ id: n.replace(/\.ya?ml$/, ''), source: readFileSync(join(dir, n), 'utf8') }));
}

function readDepartments(dir: string): KnownDepartment[] {
  return readYamlFolder(dir).map(({ id, source }) => {
    const data = parseYaml(source) as { name?: unknown } | null;
    return { id, name: typeof data?.name === 'string' ? data.name : id };
  });
}

/** The roles and locations (vestigingen) the site settings list; none when there is no settings file (yet). */
function readSettingsLists(file: string): { roles: KnownChoice[]; locations: KnownChoice[] } {
  if (!existsSync(file)) return { roles: [], locations: [] };
  const data = parseYaml(readFileSync(file, 'utf8')) as Record<string, unknown> | null;
  const list = (value: unknown): KnownChoice[] =>
    (Array.isArray(value) ? value : [])
      .filter((item): item is { id: string; label?: unknown } => typeof item?.id === 'string')
      .map((item) => ({ id: item.id, name: typeof item.label === 'string' ? item.label : item.id }));
  return { roles: list(data?.roles), locations: list(data?.locations) };
}

/** The Dutch summary of a plan. */
export function formatPlan(plan: ImportPlan, csvPath: string, dryRun: boolean): string[] {
  const out = [`${csvPath}: ${plan.rows} regel(s), scheidingsteken "${plan.delimiter}"`];
  out.push(`Toegevoegd (${plan.added.length}):`, ...plan.added.map((p) => `  + ${p.id} (${p.name})`));
  out.push(`Gewijzigd (${plan.changed.length}):`, ...plan.changed.map((p) => `  ~ ${p.id} (${p.name}): ${p.fields.join(', ')}`));
  out.push(`Ongewijzigd: ${plan.unchanged.length}`);
  out.push(
    `Niet meer in de export (${plan.missing.length}) — niet verwijderd; haal ze zelf weg als ze uit dienst zijn:`,
    ...plan.missing.map((p) => `  - ${p.id} (${p.name})`),
  );
  out.push(dryRun ? `Proefdraai (--dry-run): niets geschreven; zonder --dry-run worden ${plan.writes.length} bestand(en) geschreven.` : `${plan.writes.length} bestand(en) geschreven in collegas/.`);
  return out;
}

/** Imports (or with dryRun only plans) an HR export; nothing is written when any problem is found. */
export function runPeopleImport(options: PeopleImportOptions): PeopleImportResult {
  const { csvPath, mappingPath, contentDir, dryRun } = options;
  const fail = (problems: string[]): PeopleImportResult => ({ code: 1, report: [`Niets geschreven: ${problems.length} probleem/problemen.`], problems });
  let bytes: Buffer;
  try {
    bytes = readFileSync(csvPath);
  } catch (err) {
    return fail([`${csvPath}: kan het bestand niet lezen (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`]);
  }
  const decoded = decodeUtf8(bytes);
  if ('line' in decoded) {
    return fail([`${csvPath}:${decoded.line}: geen UTF-8 (Excel's gewone "CSV" is Windows-1252); sla het bestand op als "CSV UTF-8 (door komma's gescheiden)"`]);
  }
  const csv = decoded.text;
  let mapping;
  try {
    mapping = readMapping(mappingPath === undefined ? undefined : readFileSync(mappingPath, 'utf8'));
  } catch (err) {
    const reason = err instanceof MappingError ? err.message : `kan het bestand niet lezen (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`;
    return fail([`${mappingPath}: ${reason}`]);
  }
  const plan = planPeopleImport({
    fileName: csvPath,
    csv,
    mapping,
    existing: readYamlFolder(join(contentDir, 'collegas')),
    departments: readDepartments(join(contentDir, 'afdelingen')),
    ...readSettingsLists(join(contentDir, 'instellingen', 'site.yml')),
  });
  if (plan.problems.length) return { ...fail(plan.problems), plan };
  if (!dryRun) {
    for (const { id, content } of plan.writes) {
      const file = join(contentDir, 'collegas', `${id}.yml`);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, content);
    }
  }
  return { code: 0, report: formatPlan(plan, csvPath, dryRun), problems: [], plan };
}
