// Who is logged in: the shape every part of the API uses for the verified employee.

/** The logged-in employee, matched to a colleague profile; never taken from a request body. */
export interface Identity {
  personId: string;
  name: string;
  email: string;
  editor: boolean;
}
