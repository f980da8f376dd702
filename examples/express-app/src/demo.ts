/**
 * The whole flow end to end, on this machine only: start the emulator, start the app, call it,
 * expire the session, call again and show the transparent refresh, stop. Exits 1 if anything
 * did not behave.
 */
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import { orgConfig } from './org-config.js';

const step = (text: string) => console.log(`\n▶ ${text}`);
const check = (ok: boolean, what: string) => {
  console.log(`  ${ok ? '✓' : '✗'} ${what}`);
  if (!ok) process.exitCode = 1;
};

step('Starting the Salesforce emulator with a demo org (key, certificate, app, user)');
const { config, emulator } = await orgConfig({});
if (!emulator) throw new Error('the demo runs against the emulator');
console.log(`  emulator at ${emulator.url}`);

step('Starting the demo app (Express + @sf-jwt/express-middleware)');
const server = createApp(config).listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
console.log(`  app at ${base}`);

try {
  step('GET /accounts');
  const accounts = (await (await fetch(`${base}/accounts`)).json()) as Array<{ name: string }>;
  console.log(`  ${accounts.map((account) => account.name).join(', ')}`);
  check(accounts.length === 3, 'three accounts listed');

  step('POST /contacts');
  const created = await fetch(`${base}/contacts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ firstName: 'Ada', lastName: 'Lovelace' }),
  });
  const { id } = (await created.json()) as { id: string };
  check(created.status === 201 && /^003/.test(id), `contact ${id} created`);
  check(
    emulator.stats().tokenExchanges === 1,
    `token exchanges so far: ${emulator.stats().tokenExchanges}`,
  );

  step('Expiring every session at the emulator (as the org timeout would)');
  emulator.expireSessions();

  step('GET /accounts x5, concurrently, with the expired session');
  const again = await Promise.all(Array.from({ length: 5 }, () => fetch(`${base}/accounts`)));
  check(
    again.every((response) => response.status === 200),
    'all five answered 200: the session was refreshed transparently',
  );
  const stats = emulator.stats();
  check(
    stats.tokenExchanges === 2,
    `token exchanges in total: ${stats.tokenExchanges} (one refresh for the whole burst)`,
  );
  console.log(
    `  API calls rejected with INVALID_SESSION_ID and healed: ${stats.rejectedApiRequests}`,
  );
} finally {
  step('Stopping');
  await new Promise((resolve) => server.close(resolve));
  await emulator.stop();
}
console.log(process.exitCode ? '\nDemo FAILED.' : '\nDemo finished: everything behaved.');
