/** Runs the Fastify app against a local emulator; exits 1 if anything did not behave. */
import { startTestOrg } from '@sf-jwt/emulator';
import { buildApp } from './app.js';

const usernames = ['ada@example.com', 'grace@example.com', 'linus@example.com'];
const { emulator, config } = await startTestOrg({ usernames });
const app = await buildApp(config);
const check = (ok: boolean, what: string) => {
  console.log(`${ok ? '✓' : '✗'} ${what}`);
  if (!ok) process.exitCode = 1;
};
try {
  const me = (user: string) => app.inject({ url: '/me', headers: { 'x-salesforce-user': user } });
  const first = await Promise.all(usernames.map(me));
  check(
    first.every((response, index) => response.json().username === usernames[index]),
    'each request acts as its own Salesforce user',
  );
  emulator.expireSessions();
  const again = await Promise.all(usernames.flatMap((user) => [me(user), me(user), me(user)]));
  check(
    again.every((response) => response.statusCode === 200),
    'expired sessions healed transparently',
  );
  const exchanges = emulator.stats().tokenExchangesByUser;
  check(
    usernames.every((user) => exchanges[user] === 2),
    'one exchange per user at start, one per user after expiry',
  );
  const anonymous = await app.inject('/accounts');
  check(
    anonymous.statusCode === 401 && anonymous.json().error.code === 'no_subject',
    '401 no_subject',
  );
} finally {
  await app.close();
  await emulator.stop();
}
console.log(process.exitCode ? 'fastify app: FAILED' : 'fastify app: OK');
