// The colleagues the posting API needs: names for the feed, ids for @mentions, e-mail for commits.

/** A colleague as the API sees one. */
export interface PersonSummary {
  id: string;
  name: string;
  email: string;
  department: string;
  editor: boolean;
  /** Role ids from the site settings' `roles` (issue 17: who news is pushed to). */
  roles?: string[];
  /** The location (vestiging) id from the site settings' `locations`. */
  workLocation?: string;
}

/** Read access to the people directory. */
export interface PeopleLookup {
  byId(id: string): PersonSummary | undefined;
  ids(): ReadonlySet<string>;
}
