// Splits a Markdown file into YAML front matter and body, with a YAML-only parser.
import yaml from 'js-yaml';
import { Scalar, stringify } from 'yaml';

/** The parts of a Markdown file. `bodyLine` is the 1-based line the body starts on. */
export interface FrontMatterFile {
  data: unknown;
  body: string;
  bodyLine: number;
}

// The closing fence must start a line: a value ending in "---" (an alt text, a hide reason) must not end the YAML.
// The YAML keeps its last line break: a kept block scalar (`|+`) ends in line breaks that are part of the value.
const FENCE = /^---[ \t]*\r?\n((?:[\s\S]*?\r?\n)?)---[ \t]*(?:\r?\n|$)/;

/**
 * Parses `---\n<yaml>\n---\n<body>`. Only YAML is accepted: a fence with a language
 * (`---js`) is an error, so no front matter can ever run code.
 */
export function parseFrontMatter(source: string): FrontMatterFile {
  const text = source.replace(/^\uFEFF/, '');
  if (/^---[^\s-]/.test(text)) throw new Error('front matter moet YAML zijn (geen ---js of andere taal)');
  const match = FENCE.exec(text);
  if (!match) return { data: {}, body: text, bodyLine: 1 };
  const data = parseYaml(match[1]);
  const bodyLine = match[0].split('\n').length;
  return { data, body: text.slice(match[0].length), bodyLine };
}

/**
 * Characters js-yaml (our parser and the build's) refuses in an unquoted scalar, e.g. U+FFFE; and line breaks,
 * because a block scalar cannot hold every multi-line text exactly (a line of only spaces reads back empty).
 */
const NOT_PLAIN = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufffe\uffff]/;

/** Writes such strings double-quoted (escaped), so that every text reads back exactly and none makes the file unreadable. */
function quoteUnprintable(_key: unknown, value: unknown): unknown {
  if (typeof value !== 'string' || !NOT_PLAIN.test(value)) return value;
  const scalar = new Scalar(value);
  scalar.type = 'QUOTE_DOUBLE';
  return scalar;
}

/**
 * Serialises data and body into a Markdown file with YAML front matter. Strings that look like timestamps are
 * quoted: the build's parser (Astro's, YAML 1.1 timestamps) would otherwise read an alt text "2026-01-01" as a
 * Date, and the schema would fail the whole build. Strings with characters js-yaml refuses unquoted are
 * double-quoted for the same reason: an unreadable file stops every rebuild.
 */
export function stringifyFrontMatter(data: Record<string, unknown>, body: string): string {
  return `---\n${stringify(data, quoteUnprintable, { lineWidth: 0, customTags: ['timestamp'] })}---\n${body.endsWith('\n') ? body : body + '\n'}`;
}

/** Parses a YAML data file with the same safe options as front matter. */
export function parseYamlFile(source: string): unknown {
  return parseYaml(source);
}

/**
 * YAML only, core schema: no JavaScript types, no timestamps (dates stay strings for zod to coerce),
 * no merge keys; duplicate keys are an error.
 */
function parseYaml(source: string): unknown {
  return yaml.load(source, { schema: yaml.CORE_SCHEMA }) ?? {};
}
