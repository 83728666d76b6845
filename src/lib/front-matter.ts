// Splits a Markdown file into YAML front matter and body, with a YAML-only parser.
import yaml from 'js-yaml';
import { stringify } from 'yaml';

/** The parts of a Markdown file. `bodyLine` is the 1-based line the body starts on. */
export interface FrontMatterFile {
  data: unknown;
  body: string;
  bodyLine: number;
}

// The closing fence must start a line: a value ending in "---" (an alt text, a hide reason) must not end the YAML.
const FENCE = /^---[ \t]*\r?\n(?:([\s\S]*?)\r?\n)?---[ \t]*(?:\r?\n|$)/;

/**
 * Parses `---\n<yaml>\n---\n<body>`. Only YAML is accepted: a fence with a language
 * (`---js`) is an error, so no front matter can ever run code.
 */
export function parseFrontMatter(source: string): FrontMatterFile {
  const text = source.replace(/^\uFEFF/, '');
  if (/^---[^\s-]/.test(text)) throw new Error('front matter moet YAML zijn (geen ---js of andere taal)');
  const match = FENCE.exec(text);
  if (!match) return { data: {}, body: text, bodyLine: 1 };
  const data = parseYaml(match[1] ?? '');
  const bodyLine = match[0].split('\n').length;
  return { data, body: text.slice(match[0].length), bodyLine };
}

/**
 * Serialises data and body into a Markdown file with YAML front matter. Strings that look like timestamps are
 * quoted: the build's parser (Astro's, YAML 1.1 timestamps) would otherwise read an alt text "2026-01-01" as a
 * Date, and the schema would fail the whole build.
 */
export function stringifyFrontMatter(data: Record<string, unknown>, body: string): string {
  return `---\n${stringify(data, { lineWidth: 0, customTags: ['timestamp'] })}---\n${body.endsWith('\n') ? body : body + '\n'}`;
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
