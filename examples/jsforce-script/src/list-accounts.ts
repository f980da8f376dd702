/**
 * A plain jsforce script. The only change from a username-password login is one line:
 *
 *   before: const conn = new jsforce.Connection({ loginUrl }); await conn.login(username, password);
 *   after:  const conn = await createConnection({ clientId, username, privateKeyFile, loginUrl });
 *
 * Run it against a real org with SF_CLIENT_ID, SF_USERNAME, SF_PRIVATE_KEY_FILE and SF_LOGIN_URL.
 */
import { pathToFileURL } from 'node:url';
import { createConnection } from '@sf-jwt/jsforce-adapter';

export async function listAccounts(env: NodeJS.ProcessEnv): Promise<string[]> {
  const conn = await createConnection({
    clientId: env.SF_CLIENT_ID ?? '',
    username: env.SF_USERNAME ?? '',
    privateKeyFile: env.SF_PRIVATE_KEY_FILE ?? './server.key',
    loginUrl: env.SF_LOGIN_URL,
  });
  const { records } = await conn.query<{ Name: string }>('SELECT Id, Name FROM Account');
  return records.map((record) => record.Name);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log((await listAccounts(process.env)).join('\n'));
}
