// Which column of an HR export feeds which field of a colleague: Dutch defaults, overridable by a file.
import { parse as parseYaml } from 'yaml';

/** The fields an HR export can fill; `firstName`/`middleName`/`lastName` make up `name`. */
export const IMPORT_FIELDS = [
  'id', 'personnelNumber', 'name', 'firstName', 'middleName', 'lastName',
  'email', 'jobTitle', 'department', 'phone', 'location', 'startDate', 'roles', 'workLocation',
] as const;

/** A field an export column can fill. */
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** For each field the column names that may hold it (first one found wins); compared without case. */
export type ColumnMapping = Record<ImportField, string[]>;

/** How the export names departments, mapped to department ids (`"Team KCC": publiekszaken`). */
export type DepartmentAliases = Record<string, string>;

/** A mapping after merging the defaults with a mapping file; roles and locations map export names to settings ids. */
export interface PeopleMapping {
  columns: ColumnMapping;
  departments: DepartmentAliases;
  roles: DepartmentAliases;
  locations: DepartmentAliases;
}

/** The alias sections of a mapping file and the mapping key each fills. */
const ALIAS_KEYS = { afdelingen: 'departments', rollen: 'roles', vestigingen: 'locations' } as const;

/** Headers of common Dutch HR systems (AFAS, Youforce, Visma) and Excel lists. */
export const DEFAULT_COLUMNS: ColumnMapping = {
  id: [],
  personnelNumber: ['Personeelsnummer', 'Personeelsnr', 'Medewerkernummer', 'Medewerker'],
  name: ['Naam', 'Volledige naam', 'Weergavenaam'],
  firstName: ['Voornaam', 'Roepnaam'],
  middleName: ['Tussenvoegsel', 'Tussenvoegsels', 'Voorvoegsel'],
  lastName: ['Achternaam'],
  email: ['E-mail', 'E-mailadres', 'Email', 'Zakelijk e-mailadres', 'E-mail werk'],
  jobTitle: ['Functie', 'Functienaam', 'Functieomschrijving'],
  department: ['Afdeling', 'Organisatie-eenheid', 'Team'],
  phone: ['Telefoon', 'Telefoonnummer', 'Telefoon werk', 'Mobiel'],
  location: ['Locatie', 'Werkplek', 'Vestiging'],
  startDate: ['Datum in dienst', 'In dienst sinds', 'Startdatum', 'Datum indiensttreding'],
  // Not "Rol": many exports call the job title that. A cell lists ids or names from the settings, split by ; or ,.
  roles: ['Rollen', 'Plein-rollen'],
  // Not "Vestiging": Plein has read that column as the free-text location; map it here in a mapping file if it holds vestigingen.
  workLocation: ['Standplaats'],
};

/** Mapping-file problems say which key is wrong; the caller adds the file name. */
export class MappingError extends Error {}

/**
 * Reads a mapping file (YAML or JSON — JSON is YAML):
 * `kolommen: { email: "Mail zakelijk", department: [Afdeling, Kostenplaats] }` and
 * `afdelingen: { "Team KCC": publiekszaken }`, and the same for `rollen` and `vestigingen` (names in the export → ids
 * in the site settings). Columns given replace the defaults for that field.
 */
export function readMapping(source: string | undefined): PeopleMapping {
  const columns = { ...DEFAULT_COLUMNS };
  const mapping: PeopleMapping = { columns, departments: {}, roles: {}, locations: {} };
  if (source === undefined) return mapping;
  let data: unknown;
  try {
    data = parseYaml(source) ?? {};
  } catch (err) {
    throw new MappingError(`geen geldige YAML of JSON: ${(err as Error).message.split('\n')[0]}`);
  }
  const known = ['kolommen', ...Object.keys(ALIAS_KEYS)];
  if (!isRecord(data)) throw new MappingError(`verwacht de sleutels ${known.map((k) => `"${k}"`).join(', ')}`);
  for (const key of Object.keys(data)) {
    if (!known.includes(key)) throw new MappingError(`onbekende sleutel "${key}" (verwacht ${known.map((k) => `"${k}"`).join(', ')})`);
  }
  const cols = data.kolommen ?? {};
  if (!isRecord(cols)) throw new MappingError('"kolommen" moet per veld een kolomnaam of een lijst kolomnamen geven');
  for (const [field, value] of Object.entries(cols)) {
    if (!(IMPORT_FIELDS as readonly string[]).includes(field)) throw new MappingError(`kolommen: onbekend veld "${field}" (bekend: ${IMPORT_FIELDS.join(', ')})`);
    const names = typeof value === 'string' ? [value] : value;
    if (!Array.isArray(names) || !names.every((n) => typeof n === 'string' && n.trim() !== '')) {
      throw new MappingError(`kolommen.${field}: geef een kolomnaam of een lijst kolomnamen`);
    }
    columns[field as ImportField] = names.map((n: string) => n.trim());
  }
  const what = { afdelingen: 'afdelings-id', rollen: 'rol-id uit de instellingen', vestigingen: 'vestigings-id uit de instellingen' };
  for (const [key, field] of Object.entries(ALIAS_KEYS) as [keyof typeof ALIAS_KEYS, (typeof ALIAS_KEYS)[keyof typeof ALIAS_KEYS]][]) {
    const aliases = data[key] ?? {};
    if (!isRecord(aliases) || !Object.values(aliases).every((v) => typeof v === 'string')) {
      throw new MappingError(`"${key}" moet per naam in de export een ${what[key]} geven`);
    }
    mapping[field] = aliases as DepartmentAliases;
  }
  return mapping;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** For each field, the index of the first header cell that matches one of its column names. */
export function locateColumns(header: string[], columns: ColumnMapping): Partial<Record<ImportField, number>> {
  const lower = header.map((h) => h.trim().toLowerCase());
  const found: Partial<Record<ImportField, number>> = {};
  for (const field of IMPORT_FIELDS) {
    for (const name of columns[field]) {
      const index = lower.indexOf(name.toLowerCase());
      if (index >= 0) {
        found[field] = index;
        break;
      }
    }
  }
  return found;
}
