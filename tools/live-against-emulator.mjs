#!/usr/bin/env node
// `pnpm test:live:emulator`: proves `pnpm test:live` in CI, where there is no real org. Starts the
// emulator (the built @sf-jwt/emulator) with an org whose integration user is also a User record,
// writes its key and certificate to a temporary folder, points the SF_JWT_* variables at it and
// runs `pnpm test:live`. Fails unless the suite passed AND reached the emulator (a skipped suite
// makes no token exchange), so a suite that silently skipped cannot pass here.
// The suite revokes the token as with a real org (POST /services/oauth2/revoke), which the
// emulator answers as Salesforce does.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = join(root, 'packages/emulator/dist/index.js');
if (!existsSync(built)) {
  console.error('[sf-jwt] packages/emulator/dist is missing: run `pnpm build` first.');
  process.exit(1);
}
const { createTestOrg, startEmulator } = await import(pathToFileURL(built).href);

const username = 'live-suite@example.com';
const org = await createTestOrg({
  usernames: [username],
  records: {
    User: [{ Username: username, Name: 'Live Suite' }],
    Account: [{ Name: 'Acme' }],
  },
});
const emulator = await startEmulator({ setup: org.setup });
const dir = mkdtempSync(join(tmpdir(), 'sf-jwt-live-'));
writeFileSync(join(dir, 'server.key'), org.privateKey, { mode: 0o600 });
writeFileSync(join(dir, 'server.crt'), org.certificate);

const env = {
  ...process.env,
  SF_JWT_CLIENT_ID: org.clientId,
  SF_JWT_USERNAME: username,
  SF_JWT_KEY_FILE: join(dir, 'server.key'),
  SF_JWT_CERT_FILE: join(dir, 'server.crt'),
  SF_JWT_LOGIN_URL: emulator.url,
};
delete env.SF_JWT_PRIVATE_KEY;
delete env.SF_JWT_SANDBOX;
delete env.SF_JWT_AUDIENCE;
delete env.SF_JWT_PASSPHRASE;

console.log(`[sf-jwt] live suite against the emulator at ${emulator.url}`);
const code = await new Promise((resolve) => {
  const child = spawn('pnpm', ['test:live'], { cwd: root, env, stdio: 'inherit' });
  const timer = setTimeout(() => child.kill('SIGTERM'), 600_000);
  child.on('exit', (exitCode) => {
    clearTimeout(timer);
    resolve(exitCode ?? 1);
  });
});

const stats = emulator.stats();
await emulator.stop();
rmSync(dir, { recursive: true, force: true });

if (code !== 0) process.exit(code);
if (stats.tokenExchanges === 0) {
  console.error('[sf-jwt] the live suite made no token exchange: it was skipped, not run.');
  process.exit(1);
}
console.log(`[sf-jwt] live suite passed against the emulator (${stats.tokenExchanges} exchanges)`);
