/** Runs the NestJS app against a local emulator; exits 1 if anything did not behave. */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { startTestOrg } from '@sf-jwt/emulator';
import { appModule } from './app.module.js';

const usernames = ['ada@example.com', 'grace@example.com'];
const { emulator, config } = await startTestOrg({ usernames });
const app = await NestFactory.create(appModule(config), { logger: false });
await app.listen(0, '127.0.0.1');
const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
const check = (ok: boolean, what: string) => {
  console.log(`${ok ? '✓' : '✗'} ${what}`);
  if (!ok) process.exitCode = 1;
};
try {
  const me = async (user: string) =>
    (await (await fetch(`${base}/me`, { headers: { 'x-salesforce-user': user } })).json()) as {
      username: string;
    };
  const seen = await Promise.all(usernames.map(me));
  check(
    seen.every((body, index) => body.username === usernames[index]),
    'each request gets its own Salesforce user',
  );
  emulator.expireSessions();
  const again = await Promise.all([...usernames, ...usernames].map(me));
  check(
    again.every((body) => usernames.includes(body.username)),
    'expired sessions healed transparently',
  );
  const anonymous = await fetch(`${base}/accounts`);
  check(anonymous.status === 401, `no subject: ${anonymous.status} (401 expected)`);
} finally {
  await app.close();
  await emulator.stop();
}
console.log(process.exitCode ? 'nestjs app: FAILED' : 'nestjs app: OK');
