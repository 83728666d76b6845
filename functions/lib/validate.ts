// Validation at the door: a request's JSON body or query checked against a zod schema before the handler runs,
// answering 422 ongeldige_invoer with one Dutch sentence (functions/lib/dutch-errors.ts) and writing nothing.
import type { MiddlewareHandler } from 'hono';
import type { z } from 'astro/zod';
import type { AppEnv } from '../env.ts';
import { ApiError } from './api-error.ts';
import { describeInvalidInput, dutchIssueMessage } from './dutch-errors.ts';
import { readJsonBody } from './read-json.ts';

/** The checked value of `input`, or the 422 for it: messages the schema does not set itself come from the Dutch map. */
export function checkInput<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input, { error: dutchIssueMessage });
  if (!result.success) throw new ApiError(422, 'ongeldige_invoer', describeInvalidInput(result.error));
  return result.data;
}

/** Limits of a JSON body: its size, and the Dutch message when it is larger. */
export interface BodyLimit {
  maxBytes: number;
  tooLarge: string;
}

/** Middleware: reads the JSON body within `limit` (415/413/400 otherwise), checks it, hands it on as c.req.valid('json'). */
export function validJson<T extends z.ZodType>(schema: T, limit: BodyLimit): MiddlewareHandler<AppEnv, string, { in: { json: z.input<T> }; out: { json: z.output<T> } }> {
  return async (c, next) => {
    const data = checkInput(schema, await readJsonBody(c.req.raw, limit.maxBytes, limit.tooLarge));
    c.req.addValidatedData('json', data as object);
    await next();
  };
}

/** Middleware: checks the query string (all parameters as strings) and hands it on as c.req.valid('query'). */
export function validQuery<T extends z.ZodType>(schema: T): MiddlewareHandler<AppEnv, string, { in: { query: z.input<T> }; out: { query: z.output<T> } }> {
  return async (c, next) => {
    c.req.addValidatedData('query', checkInput(schema, c.req.query()) as object);
    await next();
  };
}
