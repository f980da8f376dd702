// A TypeScript ESM server that builds a Connection per call. The swap is one line: every call
// with this config shares one strategy, so 20 calls cost one token exchange in total.
import { createConnection } from '@sf-jwt/jsforce-adapter';

export async function listAccounts() {
  // before: const conn = new jsforce.Connection({ loginUrl }); await conn.login(user, password);
  const conn = await createConnection(
    {
      clientId: process.env.SF_CLIENT_ID ?? '', // the connected app's Consumer Key
      username: process.env.SF_USERNAME ?? '',
      privateKeyFile: process.env.SF_PRIVATE_KEY_FILE ?? './server.key',
      loginUrl: process.env.SF_LOGIN_URL, // unset: https://login.salesforce.com
    },
    { version: process.env.SF_API_VERSION }, // unset: the adapter's default API version
  );
  const { records } = await conn.query<{ Id: string; Name: string }>(
    'SELECT Id, Name FROM Account',
  );
  // What conn.login() used to set is there: user id, org id, identity URL.
  return { userId: conn.userInfo.id, orgId: conn.userInfo.organizationId, accounts: records };
}
