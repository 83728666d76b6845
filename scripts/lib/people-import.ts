// Plans an import of an HR export into content/collegas: matches, merges, validates — writes nothing itself.
import { Document, parseDocument } from 'yaml';
import { personSchema } from '../../src/schemas/person.ts';
import { parseCsv, type CsvRecord } from './csv.ts';
import { locateColumns, type ImportField, type PeopleMapping } from './people-mapping.ts';

/** An existing colleague file: its id (path below collegas/ without .yml) and its YAML text. */
export interface ExistingPerson {
  id: string;
  source: string;
}

/** A department the export may refer to, by id or by name. */
export interface KnownDepartment {
  id: string;
  name: string;
}

/** A role or location (vestiging) from the site settings, by id or by name (its label). */
export type KnownChoice = KnownDepartment;

/** What an import would do, and the files to write when there are no problems. */
export interface ImportPlan {
  problems: string[];
  delimiter: ',' | ';';
  rows: number;
  added: { id: string; name: string }[];
  changed: { id: string; name: string; fields: string[] }[];
  unchanged: string[];
  missing: { id: string; name: string }[];
  writes: { id: string; content: string }[];
}

/** The schema fields an export can set, in the order a new file lists them. */
const WRITTEN_FIELDS = ['name', 'jobTitle', 'department', 'email', 'phone', 'location', 'workLocation', 'roles', 'startDate', 'personnelNumber'] as const;
type WrittenField = (typeof WRITTEN_FIELDS)[number];
/** A row's values: text, except the list of role ids. */
type RowValues = Partial<Record<Exclude<WrittenField, 'roles'>, string>> & { roles?: string[] };

/** The Dutch label of a schema field (from its editor hint), for reports and messages. */
export function fieldLabel(field: string): string {
  const shape = personSchema.shape as Record<string, { meta?: () => { label?: string } | undefined }>;
  return shape[field]?.meta?.()?.label ?? field;
}

/** Turns a name into an id: lower case, no accents, words joined by dashes ("Özlem de Bruijn" → "ozlem-de-bruijn"). */
export function slugify(text: string): string {
  const slug = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return slug || 'collega';
}

/** Reads 2026-03-15, 15-03-2026, 15/3/2026 or 15.03.2026 as an ISO date; undefined when it is no real date. */
export function parseExportDate(text: string): string | undefined {
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const [y, mo, d] = m ? [m[1], m[2], m[3]] : (m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(text)) ? [m[3], m[2], m[1]] : [];
  if (!y) return undefined;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (date.getUTCMonth() !== Number(mo) - 1 || date.getUTCDate() !== Number(d)) return undefined;
  return date.toISOString().slice(0, 10);
}

interface Row {
  line: number;
  values: RowValues;
  idHint?: string;
}

/** Looks an export's department, role or location up (alias, id or name; undefined when unknown). */
interface Resolvers {
  department: (value: string) => string | undefined;
  role: (value: string) => string | undefined;
  location: (value: string) => string | undefined;
}

/** Whether a file's value and the export's are the same (a list of roles compared item by item, in order). */
function sameValue(current: unknown, value: string | string[]): boolean {
  if (Array.isArray(value)) return Array.isArray(current) && current.length === value.length && current.every((c, i) => String(c) === value[i]);
  return String(current ?? '') === value;
}

/** The required columns: a problem when none of a field's names is in the header. */
function checkColumns(located: Partial<Record<ImportField, number>>, mapping: PeopleMapping): string[] {
  const missing: string[] = [];
  const need = (field: ImportField, label: string) => {
    if (located[field] === undefined) missing.push(`kolom voor ${label} ontbreekt (verwacht een van: ${mapping.columns[field].join(', ') || '—'})`);
  };
  if (located.name === undefined && (located.firstName === undefined || located.lastName === undefined)) {
    missing.push(`kolom voor de naam ontbreekt (verwacht ${mapping.columns.name.join(' of ')}, of ${mapping.columns.firstName[0]} en ${mapping.columns.lastName[0]})`);
  }
  need('email', 'E-mail');
  need('jobTitle', 'Functie');
  need('department', 'Afdeling');
  return missing;
}

/** Reads one record into field values; empty cells are left out, so they never erase a field. */
function readRow(record: CsvRecord, located: Partial<Record<ImportField, number>>, resolve: Resolvers, problem: (line: number, msg: string) => void): Row {
  const cell = (field: ImportField) => (located[field] === undefined ? '' : record.cells[located[field]!].trim());
  const values: Row['values'] = {};
  const name = cell('name') || [cell('firstName'), cell('middleName'), cell('lastName')].filter(Boolean).join(' ');
  const set = (field: Exclude<WrittenField, 'roles'>, value: string) => {
    if (value) values[field] = value.replace(/\s+/g, ' ');
  };
  set('name', name);
  set('jobTitle', cell('jobTitle'));
  set('email', cell('email').toLowerCase());
  set('phone', cell('phone'));
  set('location', cell('location'));
  set('personnelNumber', cell('personnelNumber'));
  const department = cell('department');
  if (department) {
    const id = resolve.department(department);
    if (id) values.department = id;
    else problem(record.line, `Afdeling: "${department}" bestaat niet in content/afdelingen (gebruik een id of naam van een afdeling, of zet haar onder "afdelingen" in het kolommenbestand)`);
  }
  const workLocation = cell('workLocation');
  if (workLocation) {
    const id = resolve.location(workLocation);
    if (id) values.workLocation = id;
    else problem(record.line, `${fieldLabel('workLocation')}: "${workLocation}" staat niet in de vestigingen in instellingen/site.yml (gebruik een id of naam van een vestiging, of zet haar onder "vestigingen" in het kolommenbestand)`);
  }
  // Roles: ids or names split by ; or , (a ; inside a ;-separated export needs quotes, as Excel writes them).
  const roleNames = cell('roles').split(/[;,]/).map((r) => r.trim()).filter(Boolean);
  if (roleNames.length) {
    const unknown = roleNames.filter((r) => !resolve.role(r));
    if (unknown.length) problem(record.line, `${fieldLabel('roles')}: ${unknown.map((r) => `"${r}"`).join(', ')} ${unknown.length === 1 ? 'staat' : 'staan'} niet in de rollen in instellingen/site.yml (gebruik een id of naam van een rol, of zet hem onder "rollen" in het kolommenbestand)`);
    else values.roles = [...new Set(roleNames.map((r) => resolve.role(r)!))];
  }
  const start = cell('startDate');
  if (start) {
    const iso = parseExportDate(start);
    if (iso) values.startDate = iso;
    else problem(record.line, `${fieldLabel('startDate')}: "${start}" is geen datum (gebruik 2026-03-15 of 15-03-2026)`);
  }
  return { line: record.line, values, idHint: cell('id') || undefined };
}

/** Looks a department, role or location up by alias, id or name, ignoring case. */
function choiceResolver(choices: KnownChoice[], aliases: Record<string, string>) {
  const byKey = new Map<string, string>();
  for (const d of choices) {
    byKey.set(d.name.toLowerCase(), d.id);
    byKey.set(d.id.toLowerCase(), d.id);
  }
  const known = new Set(choices.map((d) => d.id));
  const alias = new Map(Object.entries(aliases).map(([k, v]) => [k.trim().toLowerCase(), v]));
  return (value: string) => {
    const key = value.toLowerCase();
    const viaAlias = alias.get(key);
    if (viaAlias !== undefined) return known.has(viaAlias) ? viaAlias : undefined;
    return byKey.get(key);
  };
}

/** Finds a second row with the same value of a field, case-insensitively. */
function findDuplicates(rows: Row[], field: 'personnelNumber' | 'email', label: string, problem: (line: number, msg: string) => void) {
  const seen = new Map<string, number>();
  for (const row of rows) {
    const value = row.values[field]?.toLowerCase();
    if (!value) continue;
    const first = seen.get(value);
    if (first !== undefined) problem(row.line, `${label} ${row.values[field]} staat ook op regel ${first}`);
    else seen.set(value, row.line);
  }
}

/**
 * Plans the import: parses the CSV, maps columns, resolves departments, roles and locations, matches rows to existing
 * colleagues (personnel number first, then e-mail), merges only the fields the export carries and
 * validates every resulting record with the person schema. `problems` lists `file:line: problem`;
 * when it is not empty, nothing may be written.
 */
export function planPeopleImport(input: { fileName: string; csv: string; mapping: PeopleMapping; existing: ExistingPerson[]; departments: KnownDepartment[]; roles?: KnownChoice[]; locations?: KnownChoice[] }): ImportPlan {
  const { fileName, mapping } = input;
  const problems: { line: number; message: string }[] = [];
  const problem = (line: number, message: string) => problems.push({ line, message });
  const { table, problems: csvProblems } = parseCsv(input.csv);
  problems.push(...csvProblems);
  const plan: ImportPlan = { problems: [], delimiter: table.delimiter, rows: table.records.length, added: [], changed: [], unchanged: [], missing: [], writes: [] };
  const finish = () => {
    plan.problems = problems.sort((a, b) => a.line - b.line).map((p) => (p.line ? `${fileName}:${p.line}: ${p.message}` : p.message));
    if (plan.problems.length) plan.writes = [];
    return plan;
  };
  const located = locateColumns(table.header, mapping.columns);
  if (table.header.length) for (const msg of checkColumns(located, mapping)) problem(1, msg);
  if (problems.length) return finish();

  const resolve: Resolvers = {
    department: choiceResolver(input.departments, mapping.departments),
    role: choiceResolver(input.roles ?? [], mapping.roles),
    location: choiceResolver(input.locations ?? [], mapping.locations),
  };
  const rows = table.records.map((r) => readRow(r, located, resolve, problem));
  findDuplicates(rows, 'personnelNumber', fieldLabel('personnelNumber'), problem);
  findDuplicates(rows, 'email', 'E-mailadres', problem);

  const existing = input.existing.map((e) => {
    const doc = parseDocument(e.source);
    const data = (doc.errors.length ? {} : doc.toJS() ?? {}) as Record<string, unknown>;
    if (doc.errors.length) problem(0, `collegas/${e.id}.yml: geen geldige YAML: ${doc.errors[0].message.split('\n')[0]}`);
    return { id: e.id, doc, data };
  });
  const byNumber = new Map(existing.filter((e) => e.data.personnelNumber !== undefined).map((e) => [String(e.data.personnelNumber).toLowerCase(), e]));
  const byEmail = new Map(existing.filter((e) => typeof e.data.email === 'string').map((e) => [(e.data.email as string).toLowerCase(), e]));
  const taken = new Set(existing.map((e) => e.id));
  const matchedBy = new Map<string, number>();
  const emailOwner = new Map(existing.map((e) => [String(e.data.email ?? '').toLowerCase(), e.id]));

  // A row already refused (bad cell, duplicate) is not matched or validated: one clear problem, not a cascade.
  const refused = new Set(problems.map((p) => p.line));
  for (const row of rows) {
    if (refused.has(row.line)) continue;
    const v = row.values;
    const match = (v.personnelNumber && byNumber.get(v.personnelNumber.toLowerCase())) || (v.email && byEmail.get(v.email)) || undefined;
    if (match && matchedBy.has(match.id)) {
      problem(row.line, `hoort bij dezelfde collega (${match.id}) als regel ${matchedBy.get(match.id)}: personeelsnummer en e-mailadres wijzen naar verschillende regels`);
      continue;
    }
    const owner = v.email ? emailOwner.get(v.email) : undefined;
    if (owner && owner !== match?.id) {
      problem(row.line, `E-mailadres ${v.email} hoort al bij collega ${owner}, niet bij ${match ? match.id : 'een nieuwe collega'}`);
      continue;
    }
    let id: string;
    let merged: Record<string, unknown>;
    let changedFields: WrittenField[] = [];
    if (match) {
      id = match.id;
      matchedBy.set(id, row.line);
      changedFields = WRITTEN_FIELDS.filter((f) => v[f] !== undefined && !sameValue(match.data[f], v[f]));
      merged = { ...match.data, ...v };
    } else {
      const base = slugify(row.idHint ?? v.name ?? v.email ?? '');
      id = base;
      for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
      taken.add(id);
      merged = Object.fromEntries(WRITTEN_FIELDS.filter((f) => v[f] !== undefined).map((f) => [f, v[f]]));
    }
    const result = personSchema.safeParse(merged);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const field = String(issue.path[0] ?? '');
        const raw = v[field as WrittenField];
        const value = Array.isArray(raw) ? raw.join(', ') : raw;
        const message = issue.code === 'invalid_type' && merged[field] === undefined ? 'ontbreekt (lege cel of geen kolom)' : issue.message;
        problem(row.line, `${fieldLabel(field)}: ${message}${value ? ` ("${value}")` : ''}`);
      }
      continue;
    }
    const name = String(merged.name);
    if (!match) {
      plan.added.push({ id, name });
      plan.writes.push({ id, content: new Document(merged).toString({ lineWidth: 0 }) });
    } else if (changedFields.length) {
      for (const f of changedFields) match.doc.set(f, Array.isArray(v[f]) ? match.doc.createNode(v[f], { flow: true }) : v[f]);
      plan.changed.push({ id, name, fields: changedFields.map(fieldLabel) });
      plan.writes.push({ id, content: match.doc.toString({ lineWidth: 0 }) });
    } else {
      plan.unchanged.push(id);
    }
  }
  plan.missing = existing.filter((e) => !matchedBy.has(e.id)).map((e) => ({ id: e.id, name: String(e.data.name ?? e.id) }));
  return finish();
}
