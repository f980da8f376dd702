/**
 * Runs the esbuild bundle (dist/handler.cjs, from `pnpm bundle`) against a local emulator whose
 * app issues JWT-based access tokens: a cold start, then 50 concurrent invocations after every
 * session expired, healed with one token exchange.
 */
import { startTestOrg } from '@sf-jwt/emulator';

const { emulator, org } = await startTestOrg({ accessTokenFormat: 'jwt' });
Object.assign(process.env, {
  SF_CLIENT_ID: org.clientId,
  SF_USERNAME: org.username,
  SF_PRIVATE_KEY: org.privateKey,
  SF_LOGIN_URL: emulator.url,
  SF_AUDIENCE: 'https://login.salesforce.com',
});
let failed = false;
const check = (ok: boolean, what: string) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  failed ||= !ok;
};
try {
  const bundle = new URL('../dist/handler.cjs', import.meta.url).href;
  const { handler } = (await import(bundle)) as typeof import('./handler.js');
  const cold = await handler({ limit: 3 });
  check(cold.statusCode === 200 && JSON.parse(cold.body).length === 3, 'cold start: 3 accounts');
  emulator.expireSessions();
  const before = emulator.stats().tokenExchanges;
  const results = await Promise.all(Array.from({ length: 50 }, () => handler({ limit: 1 })));
  check(
    results.every((result) => result.statusCode === 200),
    '50 concurrent invocations after the sessions expired: all 200',
  );
  check(
    emulator.stats().tokenExchanges === before + 1,
    `healed with ${emulator.stats().tokenExchanges - before} token exchange (expected 1)`,
  );
} finally {
  await emulator.stop();
}
process.exit(failed ? 1 : 0);
