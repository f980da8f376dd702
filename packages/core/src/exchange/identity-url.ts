/** Salesforce's identity URL ends in `/id/<orgId>/<userId>`, each id 15 or 18 characters. */
const IDENTITY_PATH = /\/id\/([A-Za-z0-9]{15,18})\/([A-Za-z0-9]{15,18})\/?$/;

/**
 * The organization and user ids of an identity URL (the token response's `id`), or undefined
 * when it does not end in `/id/<orgId>/<userId>`.
 */
export function identityIds(id: string): { organizationId: string; userId: string } | undefined {
  const match = IDENTITY_PATH.exec(id);
  return match ? { organizationId: match[1]!, userId: match[2]! } : undefined;
}
