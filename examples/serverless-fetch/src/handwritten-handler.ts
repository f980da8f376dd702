/**
 * The baseline `bench/serverless.ts` compares with: the hand-written handler adopters had before
 * (jsonwebtoken + fetch, "add the bearer, log in again once on 401"), with none of sf-jwt's
 * checks: no single flight, no login budget, no error typing, no audience discovery.
 */
import jwt from 'jsonwebtoken';

const loginUrl = process.env.SF_LOGIN_URL ?? 'https://login.salesforce.com';
let token: { accessToken: string; instanceUrl: string } | undefined;

async function login(): Promise<{ accessToken: string; instanceUrl: string }> {
  const assertion = jwt.sign(
    {
      iss: process.env.SF_CLIENT_ID,
      sub: process.env.SF_USERNAME,
      aud: process.env.SF_AUDIENCE ?? 'https://login.salesforce.com',
      exp: Math.floor(Date.now() / 1000) + 180,
    },
    process.env.SF_PRIVATE_KEY ?? '',
    { algorithm: 'RS256' },
  );
  const response = await fetch(`${loginUrl}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      assertion,
    }),
  });
  const body = (await response.json()) as { access_token?: string; instance_url?: string };
  if (!response.ok || !body.access_token || !body.instance_url) throw new Error('login failed');
  return { accessToken: body.access_token, instanceUrl: body.instance_url };
}

export async function handler(event: {
  limit?: number;
}): Promise<{ statusCode: number; body: string }> {
  const limit = Math.min(Math.max(Math.trunc(event.limit ?? 10), 1), 200);
  const path = `/services/data/v62.0/query?q=${encodeURIComponent(`SELECT Name FROM Account ORDER BY Name LIMIT ${limit}`)}`;
  token ??= await login();
  let response = await fetch(`${token.instanceUrl}${path}`, {
    headers: { authorization: `Bearer ${token.accessToken}` },
  });
  if (response.status === 401) {
    token = await login();
    response = await fetch(`${token.instanceUrl}${path}`, {
      headers: { authorization: `Bearer ${token.accessToken}` },
    });
  }
  if (!response.ok) return { statusCode: 502, body: JSON.stringify({ status: response.status }) };
  const { records } = (await response.json()) as { records: Array<{ Name: string }> };
  return { statusCode: 200, body: JSON.stringify(records.map((record) => record.Name)) };
}
