// A free loopback port, for a server whose address must be known before it starts (or that must come back on
// the same port after a restart). Shared by the reliability run and the test suites.
import { createServer } from 'node:net';

/** Asks the OS for a free port on 127.0.0.1 and gives it back. */
export function getFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
