/** Who signed in through their organization's identity provider: what every token of the session names. */
export interface SignedInUser {
  /** `usr_…`: the token's `sub`. */
  userId: string;
  organizationId: string;
  connectionId: string;
  email: string;
  name?: string;
}
