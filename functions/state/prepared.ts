// Statements built once: a hot write path (a beacon, a rate-limit hit, a waardering) would otherwise spend more time
// building SQL with Kysely than the database spends running it. `prepare` compiles a query once for the context's
// dialect with a marker in place of each named value, finds where each marker went among the parameters, and then
// only swaps the values in. Same SQL, same binding as the query Kysely would build each time.
import type { Compilable, CompiledQuery } from 'kysely';

const marker = (name: string) => `\u0000plein-prepared:${name}`;

/**
 * Compiles `build` once (called with markers, never executed) and gives a function that makes the same query for
 * the given values. Every named value must reach the query as a parameter of its own; other parameters stay as built.
 */
export function prepare<K extends string>(names: readonly K[], build: (values: Record<K, any>) => Compilable): (values: Record<K, unknown>) => Compilable {
  const template = build(Object.fromEntries(names.map((n) => [n, marker(n)])) as Record<K, any>).compile();
  const slots = template.parameters.map((p) => names.find((n) => p === marker(n)));
  const missing = names.filter((n) => !slots.includes(n));
  if (missing.length) throw new Error(`prepare: ${missing.join(', ')} komt niet als parameter in de query terecht`);
  return (values) => {
    const compiled: CompiledQuery = { ...template, parameters: template.parameters.map((p, i) => (slots[i] === undefined ? p : values[slots[i]!])) };
    return { compile: () => compiled };
  };
}
