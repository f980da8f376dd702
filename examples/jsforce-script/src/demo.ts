/** Runs the script against a local emulator; exits 1 if it did not list the org's accounts. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestOrg, startEmulator } from '@sf-jwt/emulator';
import { listAccounts } from './list-accounts.js';

const org = await createTestOrg();
const emulator = await startEmulator({ setup: org.setup });
const dir = mkdtempSync(join(tmpdir(), 'sf-jwt-script-'));
const keyFile = join(dir, 'server.key');
writeFileSync(keyFile, org.privateKey, { mode: 0o600 }); // generated for this run only
try {
  const names = await listAccounts({
    SF_CLIENT_ID: org.clientId,
    SF_USERNAME: org.username,
    SF_PRIVATE_KEY_FILE: keyFile,
    SF_LOGIN_URL: emulator.url,
  });
  console.log(`accounts: ${names.join(', ')}`);
  const ok = names.length > 0 && emulator.stats().tokenExchanges === 1;
  console.log(ok ? 'jsforce script: OK' : 'jsforce script: FAILED');
  if (!ok) process.exitCode = 1;
} finally {
  await emulator.stop();
  rmSync(dir, { recursive: true, force: true });
}
