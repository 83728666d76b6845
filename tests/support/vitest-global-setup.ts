// Vitest's global setup: the run's temporary folder (tests/support/test-tmpdir.ts), removed when the run ends.
import { useTestTmpdir } from './test-tmpdir.ts';

export function setup(): () => void {
  return useTestTmpdir();
}
