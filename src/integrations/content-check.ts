// Astro integration: validates content/ before the build (the same checks as `npm run check:content`),
// so errors name file, line and field.
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { formatProblem, validateContent } from '../lib/validate-content.ts';

/** Fails `astro build` on errors with `file:line: field: problem` lines instead of a stack trace; prints warnings. */
export function contentCheck(options: { root: string }): AstroIntegration {
  return {
    name: 'plein:content-check',
    hooks: {
      'astro:config:setup': ({ command, config, logger }) => {
        const { problems } = validateContent(options.root, {
          pagesDir: fileURLToPath(new URL('pages/', config.srcDir)),
          publicDir: fileURLToPath(config.publicDir),
        });
        const errors = problems.filter((p) => p.severity === 'error');
        const warnings = problems.filter((p) => p.severity === 'warning');
        if (warnings.length) logger.warn(`De inhoud heeft ${warnings.length} waarschuwing(en):\n${warnings.map(formatProblem).join('\n')}`);
        if (!errors.length) return;
        logger.error(`De inhoud bevat ${errors.length} fout(en):\n${errors.map(formatProblem).join('\n')}`);
        if (command === 'build') {
          // Exit without a stack trace: the lines above say everything an editor needs.
          process.exit(1);
        }
      },
    },
  };
}
