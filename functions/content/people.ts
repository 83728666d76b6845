// The colleagues the posting API needs: names for the feed, ids for @mentions, e-mail for commits.

/** A colleague as the API sees one. */
export interface PersonSummary {
  id: string;
  name: string;
  email: string;
  department: string;
  editor: boolean;
}

/** Read access to the people directory. */
export interface PeopleLookup {
  byId(id: string): PersonSummary | undefined;
  ids(): ReadonlySet<string>;
}
