// Turns a zod schema (with its editor hints) into Decap CMS fields: one place, so they cannot drift.
import type { z } from 'astro/zod';
import { IMAGE, type FieldHint, type RefCollection } from '../schemas/common.ts';
import { optionLabel } from './labels.ts';

/** A Decap CMS field as written to config.yml. */
export interface CmsField {
  name: string;
  label: string;
  widget: string;
  required?: boolean;
  hint?: string;
  default?: unknown;
  pattern?: [string, string];
  fields?: CmsField[];
  field?: CmsField;
  [option: string]: unknown;
}

/** A choice in a select widget. */
export interface CmsOption {
  label: string;
  value: string;
}

/** Entries an id field can point at, read from the content folder when the config is built. */
export type RefOptions = Record<RefCollection, CmsOption[]>;

/** The Decap collection that holds each referable type, where one collection holds them all. */
const RELATION_TARGETS: Partial<Record<RefCollection, { collection: string; display: string }>> = {
  collegas: { collection: 'collegas', display: 'name' },
  afdelingen: { collection: 'afdelingen', display: 'name' },
  groepen: { collection: 'groepen', display: 'name' },
};

type AnySchema = z.ZodType & { def: Record<string, any> };

/** A schema without its optional/default wrappers, with what the wrappers said. */
export interface UnwrappedField {
  inner: AnySchema;
  optional: boolean;
  defaultValue?: unknown;
  hint?: FieldHint;
}

/** Strips optional/default wrappers, collecting the editor hint from whichever layer carries it. */
export function unwrapField(schema: z.ZodType): UnwrappedField {
  let s = schema as AnySchema;
  let optional = false;
  let defaultValue: unknown;
  let hint = s.meta() as FieldHint | undefined;
  for (;;) {
    const type = s.def.type;
    if (type === 'optional' || type === 'nullable') optional = true;
    else if (type === 'default') {
      optional = true;
      defaultValue = s.def.defaultValue;
    } else break;
    s = s.def.innerType;
    hint ??= s.meta() as FieldHint | undefined;
  }
  return { inner: s, optional, defaultValue, hint };
}

function check(s: AnySchema, name: string): Record<string, any> | undefined {
  return (s.def.checks ?? []).map((c: any) => c._zod.def).find((d: any) => d.check === name || d.format === name);
}

/** A Decap `pattern` that mirrors the schema's regex, e-mail format or length limits. */
function stringPattern(s: AnySchema): [string, string] | undefined {
  const regex = check(s, 'regex');
  const message = (regex?.error?.() ?? undefined) as string | undefined;
  if (regex) return [regex.pattern.source, message ?? 'heeft niet de juiste vorm'];
  if (s.def.format === 'email') return [s.def.pattern.source, 'moet een geldig e-mailadres zijn'];
  const min = check(s, 'min_length')?.minimum as number | undefined;
  const max = check(s, 'max_length')?.maximum as number | undefined;
  if ((min ?? 0) <= 1 && max === undefined) return undefined;
  const text = max === undefined ? `minstens ${min} tekens` : min ? `minstens ${min} en hoogstens ${max} tekens` : `hoogstens ${max} tekens`;
  return [`^[\\s\\S]{${min ?? 0},${max ?? ''}}$`, text];
}

/** An image object (src in /media plus alt text), recognised by its src field's image hint. */
function isImage(s: AnySchema): boolean {
  const src = s.def.shape?.src as AnySchema | undefined;
  return (src?.meta() as FieldHint | undefined)?.widget === 'image' && Object.keys(s.def.shape).length === Object.keys(IMAGE.shape).length;
}

function refsOf(hint: FieldHint | undefined): RefCollection[] {
  if (!hint?.ref) return [];
  return typeof hint.ref === 'string' ? [hint.ref] : [...hint.ref];
}

/** An id field (or list of ids): a live relation where one collection holds the targets, else a select. */
function referenceField(base: CmsField, refs: RefCollection[], options: RefOptions, multiple: boolean, min?: number): CmsField {
  const target = refs.length === 1 ? RELATION_TARGETS[refs[0]] : undefined;
  const many = multiple ? { multiple: true, ...(min ? { min } : {}) } : {};
  if (target) {
    return { ...base, widget: 'relation', collection: target.collection, value_field: '{{slug}}', search_fields: [target.display], display_fields: [target.display], ...many };
  }
  return { ...base, widget: 'select', options: choicesFor(refs, options), ...many };
}

const choiceLists = new WeakMap<RefOptions, Map<string, CmsOption[]>>();

/**
 * The choices of an id field, one array per list: a field that repeats (a knowledge page's owner, in every section's
 * collection) then shares it, and /admin/config.yml writes the list once and refers to it (`&a1` … `*a1`) instead of
 * giving each choice an anchor of its own (15,102 at 50k items: an 18.5 MB file, and anchors the yaml package names in
 * quadratic time: 7.7 s to write it, 0.46 s now).
 */
function choicesFor(refs: RefCollection[], options: RefOptions): CmsOption[] {
  let lists = choiceLists.get(options);
  if (!lists) choiceLists.set(options, (lists = new Map()));
  const key = refs.join(' ');
  let list = lists.get(key);
  // Copies of the choices: lists that share a choice (departments, and departments or colleagues) still need no anchors.
  if (!list) lists.set(key, (list = refs.flatMap((r) => options[r].map((o) => ({ ...o })))));
  return list;
}

/**
 * Converts one schema field to a Decap field. Inside an optional object (an optional cover image)
 * no field is marked required, because Decap would then demand the whole object; the schema check
 * on save (src/cms/entry-check.ts) still refuses a cover without alt text.
 */
export function toCmsField(name: string, schema: z.ZodType, options: RefOptions, parentOptional = false): CmsField {
  const { inner, optional, defaultValue, hint } = unwrapField(schema);
  const base: CmsField = { name, label: hint?.label ?? name, widget: 'string' };
  if (hint?.hint) base.hint = hint.hint;
  if (optional || parentOptional) base.required = false;
  if (defaultValue !== undefined && !(Array.isArray(defaultValue) && defaultValue.length === 0)) base.default = defaultValue;
  const refs = refsOf(hint);
  switch (inner.def.type) {
    case 'string': {
      if (refs.length) return referenceField(base, refs, options, false);
      const pattern = stringPattern(inner);
      // An image is picked from the media library, not typed: its path is checked on save instead.
      if (hint?.widget === 'image') return { ...base, widget: 'image', choose_url: false };
      return { ...base, widget: hint?.widget === 'text' ? 'text' : 'string', ...(pattern ? { pattern } : {}) };
    }
    case 'date': {
      const dateOnly = hint?.widget === 'date';
      const format = dateOnly ? { format: 'YYYY-MM-DD', date_format: 'DD-MM-YYYY', time_format: false } : { format: 'YYYY-MM-DDTHH:mm:ssZ', date_format: 'DD-MM-YYYY', time_format: 'HH:mm' };
      return { ...base, widget: 'datetime', ...format, ...(optional ? { default: '' } : {}) };
    }
    case 'boolean':
      return { ...base, widget: 'boolean', default: defaultValue ?? false };
    case 'number': {
      const int = check(inner, 'safeint') ?? check(inner, 'int');
      const min = check(inner, 'greater_than')?.value;
      const max = check(inner, 'less_than')?.value;
      return { ...base, widget: 'number', value_type: int ? 'int' : 'float', ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) };
    }
    case 'enum': {
      const values = Object.values(inner.def.entries as Record<string, string>);
      return { ...base, widget: 'select', options: values.map((value) => ({ label: optionLabel(name, value), value })) };
    }
    case 'array': {
      const element = unwrapField(inner.def.element);
      const min = check(inner, 'min_length')?.minimum as number | undefined;
      const max = check(inner, 'max_length')?.maximum as number | undefined;
      if (refs.length) return referenceField(base, refs, options, true, min);
      const limits = { ...(min ? { min } : {}), ...(max ? { max } : {}) };
      if (element.inner.def.type === 'object') {
        const item = toCmsField('item', inner.def.element, options);
        return { ...base, widget: 'list', fields: item.fields, summary: `{{fields.${item.fields![0].name}}}`, ...limits };
      }
      // A list of plain words is one comma-separated input: quicker to type than one box per word.
      return { ...base, widget: 'list', ...limits };
    }
    case 'object': {
      const fields = toCmsFields(inner as unknown as z.ZodObject, options, optional || parentOptional);
      if (isImage(inner) && (optional || parentOptional)) {
        const alt = fields.find((f) => f.name === 'alt')!;
        alt.hint = `Verplicht zodra je een afbeelding kiest. ${alt.hint ?? ''}`.trim();
      }
      return { ...base, widget: 'object', fields, ...(optional ? { collapsed: true } : {}) };
    }
    default:
      throw new Error(`CMS: veld "${name}" heeft een schema-type (${inner.def.type}) dat de CMS-generator niet kent`);
  }
}

/** Converts every field of an object schema, in the schema's order. */
export function toCmsFields(schema: z.ZodObject, options: RefOptions, parentOptional = false): CmsField[] {
  return Object.entries(schema.shape).map(([name, field]) => toCmsField(name, field as z.ZodType, options, parentOptional));
}
