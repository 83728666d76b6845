// The maintainer's next steps after a history rewrite, as Dutch text the CLI prints. The push commands are exact:
// git-filter-repo deletes the remote-tracking refs, so a bare `--force-with-lease` would be refused as "stale info";
// each lease therefore names the id the remote had before the rewrite.

/** The refs around a rewrite that the push commands are built from. */
export interface RewriteRefs {
  /** The remote's URL when the repository had an `origin` (re-added after the rewrite), else null. */
  remoteUrl: string | null;
  /** Branch name → commit id of `refs/remotes/origin/<branch>` before the rewrite (what the remote has). */
  remoteBranchesBefore: Map<string, string>;
  /** Tag name → object id before the rewrite (a fresh clone's tags are the remote's). */
  tagsBefore: Map<string, string>;
  /** Branches and tags that exist after the rewrite. */
  branchesAfter: Set<string>;
  tagsAfter: Set<string>;
}

const lease = (ref: string, id: string) => `--force-with-lease=${ref}:${id}`;

/** The exact `git push` commands that replace the remote's history, each refused when the remote moved meanwhile. */
export function describePushCommands(refs: RewriteRefs): string[] {
  const kept = [...refs.remoteBranchesBefore].filter(([name]) => refs.branchesAfter.has(name));
  const gone = [...refs.remoteBranchesBefore].filter(([name]) => !refs.branchesAfter.has(name));
  const keptTags = [...refs.tagsBefore].filter(([name]) => refs.tagsAfter.has(name));
  const goneTags = [...refs.tagsBefore].filter(([name]) => !refs.tagsAfter.has(name));
  const commands = [['git push origin --all', ...kept.map(([name, id]) => lease(`refs/heads/${name}`, id))].join(' ')];
  for (const [name, id] of gone) commands.push(`git push origin ${lease(`refs/heads/${name}`, id)} :refs/heads/${name}`);
  commands.push(['git push origin --tags', ...keptTags.map(([name, id]) => lease(`refs/tags/${name}`, id))].join(' '));
  for (const [name, id] of goneTags) commands.push(`git push origin ${lease(`refs/tags/${name}`, id)} :refs/tags/${name}`);
  return commands;
}

/** The whole procedure after a verified rewrite, in Dutch, for the maintainer. */
export function describeNextSteps(refs: RewriteRefs, objectsChecked: number): string {
  const known = refs.remoteUrl !== null && refs.remoteBranchesBefore.size > 0;
  const push = known
    ? [
        `2. Push de herschreven geschiedenis naar ${refs.remoteUrl}. Elke lease noemt de stand van vóór het herschrijven,`,
        '   zodat de push geweigerd wordt als iemand intussen iets pushte (haal dan niets op: begin opnieuw vanuit een',
        '   verse clone):',
        ...describePushCommands(refs).map((command) => `     ${command}`),
      ]
    : [
        '2. Deze repository had geen remote "origin" met opgehaalde branches, dus Plein kent de stand van de remote niet.',
        '   Voeg de remote toe (git remote add origin <url>), zoek de huidige ids op met git ls-remote origin, en push met',
        '   per branch en tag een lease op die id: git push origin --all --force-with-lease=refs/heads/<branch>:<id> …',
        '   en git push origin --tags --force-with-lease=refs/tags/<tag>:<id> …',
      ];
  return [
    `De geschiedenis is herschreven en gecontroleerd: geen van de ${objectsChecked} bereikbare objecten (bestanden, mappen,`,
    'commits en tags van alle branches) bevat nog de naam, het e-mailadres of de id.',
    refs.remoteUrl !== null
      ? 'git-filter-repo verwijdert de remote "origin"; Plein heeft hem weer toegevoegd met dezelfde instellingen.'
      : '',
    '',
    'Wat een beheerder nu moet doen:',
    '',
    'Op GitHub',
    '1. Hef de branchbeveiliging (branch protection of rulesets) op de herschreven branches tijdelijk op: anders weigert',
    '   GitHub de force-push.',
    ...push,
    '3. Zet de branchbeveiliging daarna meteen terug.',
    '4. Vraag GitHub Support (https://support.github.com/request, onderwerp: verwijderen van gevoelige gegevens) om de',
    '   gecachte pull-request-refs (refs/pull/*) en de onbereikbare objecten van deze repository te verwijderen. Noem het',
    '   verzoek een AVG-verwijdering en geef de oude commit-ids mee uit .git/filter-repo/commit-map (alleen ids, geen',
    '   persoonsgegevens). Forks houden de oude geschiedenis: vraag hun eigenaren ze te verwijderen.',
    '',
    'Op de host',
    '5. Verwijder oude Cloudflare Pages-deployments: die bewaren gebouwde pagina\'s met de oude tekst (dashboard: Workers &',
    '   Pages → project → Deployments → Delete, of de API: DELETE /accounts/<account>/pages/projects/<project>/deployments/<id>).',
    '6. Verwijder CI-artefacten met gebouwde pagina\'s of zoekindexen (GitHub: Actions → run → Artifacts, of',
    '   gh api -X DELETE repos/<eigenaar>/<repo>/actions/artifacts/<id>), en leeg de Actions-caches met een build erin.',
    '7. Bouw en publiceer de site opnieuw vanaf de herschreven geschiedenis.',
    '',
    'Alle andere clones',
    '8. Elke andere clone (collega\'s, CI-runners, een server met de lokale git-store) moet opnieuw clonen: wie pullt,',
    '   rebaset of pusht vanuit de oude geschiedenis, brengt de persoonsgegevens terug.',
  ]
    .filter((line, index, lines) => line !== '' || lines[index - 1] !== '')
    .join('\n');
}
