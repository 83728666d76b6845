// Astro integration: validates content/ before the build, so errors name file, line and field.
import type { AstroIntegration } from 'astro';
import { formatProblem, validateContent } from '../lib/validate-content.ts';

/** Fails `astro build` with `file:line: field: problem` lines instead of a stack trace. */
export function contentCheck(options: { root: string }): AstroIntegration {
  return {
    name: 'plein:content-check',
    hooks: {
      'astro:config:setup': ({ command, logger }) => {
        const { problems } = validateContent(options.root);
        const errors = problems.filter((p) => p.severity === 'error');
        if (!errors.length) return;
        const text = errors.map(formatProblem).join('\n');
        logger.error(`De inhoud bevat ${errors.length} fout(en):\n${text}`);
        if (command === 'build') {
          // Exit without a stack trace: the lines above say everything an editor needs.
          process.exit(1);
        }
      },
    },
  };
}
