// Test support for route tests (vitest only): the API's refusals, checked the same way everywhere.
import { expect } from 'vitest';

/** Checks each answer's status and error code, and that its message is a sentence (the API's Dutch refusal). */
export async function expectRefusals(refusals: [Response, number, string][]): Promise<void> {
  for (const [res, status, code] of refusals) {
    expect(res.status, code).toBe(status);
    const { error } = (await res.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe(code);
    expect(error.message).toMatch(/[a-z]/);
  }
}
