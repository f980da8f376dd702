/**
 * A serverless function (Lambda / Cloud Functions shape) that calls Salesforce REST with `fetch`,
 * no jsforce: `authorizedFetch` adds the bearer token and heals an expired session with one
 * refresh and retry. One file; `pnpm bundle` makes dist/handler.cjs with esbuild.
 */
import { authorizedFetch, JwtBearerStrategy } from '@sf-jwt/core';

// Module scope lives as long as the instance: warm invocations reuse the token.
const strategy = new JwtBearerStrategy({
  clientId: process.env.SF_CLIENT_ID ?? '',
  username: process.env.SF_USERNAME ?? '',
  privateKey: process.env.SF_PRIVATE_KEY ?? '', // a PEM from the platform's secret store
  loginUrl: process.env.SF_LOGIN_URL,
  // No token store here: pin the audience, or every cold start may pay a failed login to find it
  // (`sf-jwt doctor` prints the value). With Redis, use @sf-jwt/redis-store instead.
  audience: process.env.SF_AUDIENCE,
});
const sfFetch = authorizedFetch(strategy);

export interface AccountsEvent {
  limit?: number;
}

export async function handler(event: AccountsEvent): Promise<{ statusCode: number; body: string }> {
  const limit = Math.min(Math.max(Math.trunc(event.limit ?? 10), 1), 200);
  const soql = `SELECT Name FROM Account ORDER BY Name LIMIT ${limit}`;
  const response = await sfFetch(`/services/data/v62.0/query?q=${encodeURIComponent(soql)}`);
  if (!response.ok) return { statusCode: 502, body: JSON.stringify({ status: response.status }) };
  const { records } = (await response.json()) as { records: Array<{ Name: string }> };
  return { statusCode: 200, body: JSON.stringify(records.map((record) => record.Name)) };
}
