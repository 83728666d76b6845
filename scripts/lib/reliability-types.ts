// The shapes every reliability scenario shares: a leaf file, so the scenarios and their helpers never import each other.

/** What every scenario gets. */
export interface ScenarioContext {
  root: string;
  distDir: string;
  posts: number;
  clients: number;
  people: string[];
  /** Environment of the server child (a fixed session secret, so logins survive a restart). */
  env: Record<string, string>;
}

/** What a scenario reports: figures to print, and problems (none when it passed) or why it was skipped. */
export interface ScenarioResult {
  figures: [string, string][];
  problems: string[];
  skipped?: string;
}
