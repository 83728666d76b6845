// YAML front-matter injection: values that try to close the front matter, switch language, or smuggle
// anchors, aliases, tags and typed scalars into the YAML. Free text is stored and must read back exactly.
import { harmless, refused, type CorpusEntry, type Field } from './types.ts';

/** Values for the free-text fields that end up in YAML (hide reason, photo alt text) or after it (the body). */
const VALUES: [string, string][] = [
  ['closing fence at line end', 'spam ---'],
  ['only a fence', '---'],
  ['fence then key', '---\nhidden: false'],
  ['fence with language', '---js\nwindow.__xss=1\n---'],
  ['javascript fence', '---javascript\nmodule.exports = {}'],
  ['document end marker', '...\nauthor: eva-editor'],
  ['new key on next line', 'x\nauthor: eva-editor'],
  ['indented key', 'x\n  hidden: true'],
  ['anchor', '&a x'],
  ['alias', '*a'],
  ['merge key', '<<: *a'],
  ['billion laughs', 'a: &a ["lol","lol"]\nb: &b [*a,*a,*a,*a]\nc: [*b,*b,*b,*b]'],
  ['js function tag', '!!js/function "function(){window.__xss=1}"'],
  ['js regexp tag', '!!js/regexp /x/'],
  ['python tag', '!!python/object/apply:os.system ["id"]'],
  ['local tag', '!foo bar'],
  ['binary tag', '!!binary aGVsbG8='],
  ['date', '2026-01-01'],
  ['timestamp', '2001-12-14t21:59:43.10-05:00'],
  ['timestamp with space', '2026-03-15 10:00:00'],
  ['boolean', 'true'],
  ['yaml 1.1 boolean', 'yes'],
  ['null', 'null'],
  ['tilde', '~'],
  ['hex number', '0x1F'],
  ['octal number', '0o17'],
  ['float', '1e3'],
  ['infinity', '.inf'],
  ['sexagesimal', '1:20'],
  ['quotes', `"dubbel" en 'enkel'`],
  ['flow mapping', '{ hidden: true }'],
  ['flow sequence', '[a, b]'],
  ['comment', '# geen commentaar'],
  ['block scalar indicators', '|\n  >-'],
  ['directive', '%YAML 1.1\n---'],
  ['question mark key', '? hidden\n: true'],
  ['colon space', 'reden: spam'],
  ['trailing backslash', 'pad\\'],
  ['unicode line separator', 'een\u2028twee\u2029drie'],
  ['next line character', 'een\u0085twee'],
  ['byte order mark', '\uFEFF---'],
  ['emoji', '🙈 weg ermee'],
];

const MULTI_LINE = /[\u0000-\u001f\u0085\u2028\u2029]/;

/** Front-matter injections through a free-text field. Alt text and hide reason are one line: line breaks are refused. */
function entriesFor(field: Field, prefix: string, singleLine: boolean): CorpusEntry[] {
  return VALUES.map(([description, input], i) => ({
    id: `${prefix}-${i}`,
    category: 'front-matter',
    field,
    description,
    input,
    expect: singleLine && MULTI_LINE.test(input) ? refused(422) : harmless,
  }));
}

/** Control characters, direction overrides and broken UTF-16 are refused in the YAML-bound fields. */
const REFUSED_YAML: CorpusEntry[] = (['reden', 'alt'] as const).flatMap((field) => [
  { id: `fm-${field}-nul`, category: 'front-matter', field, description: 'NUL byte', input: 'a\u0000b', expect: refused(422) },
  { id: `fm-${field}-escape`, category: 'front-matter', field, description: 'terminal escape', input: 'a\u001b[31mb', expect: refused(422) },
  { id: `fm-${field}-rtl`, category: 'front-matter', field, description: 'RTL override', input: 'foto\u202Egpj.exe', expect: refused(422) },
  { id: `fm-${field}-long`, category: 'front-matter', field, description: '301 characters', input: 'x'.repeat(301), expect: refused(422) },
]);

/** Everything front-matter. The body takes multi-line values too: they follow the front matter, never inside it. */
export const FRONT_MATTER_ENTRIES: CorpusEntry[] = [
  ...entriesFor('tekst', 'fm-tekst', false),
  ...entriesFor('reden', 'fm-reden', true),
  ...entriesFor('alt', 'fm-alt', true),
  ...REFUSED_YAML,
  { id: 'fm-alt-blank', category: 'front-matter', field: 'alt', description: 'only spaces', input: '   ', expect: refused(422) },
  // A multipart field cannot carry a lone surrogate (the browser sends U+FFFD); JSON can.
  { id: 'fm-reden-surrogate', category: 'front-matter', field: 'reden', description: 'lone surrogate', input: 'a\uD800b', expect: refused(422) },
  { id: 'fm-groep-yaml', category: 'front-matter', field: 'groep', description: 'group with YAML', input: 'koffietijd\nhidden: true', expect: refused(422) },
  { id: 'fm-groep-anchor', category: 'front-matter', field: 'groep', description: 'group as anchor', input: '&a koffietijd', expect: refused(422) },
  { id: 'fm-doel-yaml', category: 'front-matter', field: 'doel', description: 'target id with YAML', input: { type: 'nieuws', id: 'fietsplan\nhidden: true' }, expect: refused(404, 422) },
  { id: 'fm-doel-type', category: 'front-matter', field: 'doel', description: 'target type with YAML', input: { type: 'nieuws\nhidden: true', id: 'fietsplan' }, expect: refused(422) },
];
