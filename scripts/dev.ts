// `npm run dev`: Astro's dev server with live reload, and decap-server for the CMS at /admin.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { CONTENT_DIR } from '../src/config.ts';
import { startCmsServer } from '../functions/hosts/node/cms-server.ts';

const cms = startCmsServer(process.env, CONTENT_DIR);
if ('skipped' in cms) console.log(`Plein: geen lokale CMS-server: ${cms.skipped}.`);
else console.log(`Plein: CMS-server (decap-server) op http://127.0.0.1:${cms.port}; de redactie opent /admin/ op de dev-server.`);

const astro = spawn(join(import.meta.dirname, '..', 'node_modules', '.bin', 'astro'), ['dev', ...process.argv.slice(2)], { stdio: 'inherit', env: process.env });
astro.on('exit', (code) => process.exit(code ?? 0));
process.once('exit', () => astro.kill());
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(0));
