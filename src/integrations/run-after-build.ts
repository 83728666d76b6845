// Runs the steps after the build that scripts/build.ts found listed (see after-build.ts). Apart from after-build.ts
// because the step modules import that one to list themselves: kept together, the two would import each other.
import { readDeferredSteps, type AfterBuildStep, type StepLogger } from './after-build.ts';

/**
 * Runs the steps listed in `file` in order, each as its hook would have (the build entry, once Astro has exited).
 * The step modules are loaded here, not before: the build's own process stays small while Astro runs.
 */
export async function runDeferredSteps(file: string, loggerFor: (integration: string) => StepLogger): Promise<AfterBuildStep[]> {
  const steps = readDeferredSteps(file);
  for (const step of steps) {
    if (step.step === 'search-index') {
      const { buildSearchIndex } = await import('./search-index.ts');
      await buildSearchIndex(step.dir, loggerFor('plein:search-index'), step.options);
    } else {
      const { writeServiceWorker } = await import('./service-worker.ts');
      await writeServiceWorker(step.dir, loggerFor('plein:service-worker'), step.options);
    }
  }
  return steps;
}
