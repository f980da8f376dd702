import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type PubSubOrg, startPubSubOrg } from './harness.js';

// The README's ```ts block is examples/subscribe-orders.ts (compiled by `pnpm typecheck`),
// quoted exactly after its `<!-- snippet: -->` line; this test runs it against the emulator.
const SNIPPET = /<!-- snippet: (\S+) -->\n```ts\n([\s\S]*?)```/g;
let env: PubSubOrg;

beforeAll(async () => {
  env = await startPubSubOrg();
  env.emulator.createChannel('/event/Order__e');
});
afterAll(() => env.emulator.stop());

it('quotes every ts block of the README exactly from examples/', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const quoted = [...readme.matchAll(SNIPPET)];
  expect(quoted.length).toBe(readme.match(/```ts\n/g)?.length);
  for (const [, path, code] of quoted) {
    expect(code).toBe(readFileSync(new URL(`../${path}`, import.meta.url), 'utf8'));
  }
});

it('runs the README example against the emulator', async () => {
  const { listen } = await import('../examples/subscribe-orders.js');
  const payloads: Array<Record<string, unknown>> = [];
  const orders = await listen(env.strategy(), (payload) => payloads.push(payload), env.connection);
  env.emulator.publishEvent('/event/Order__e', { Amount__c: 42 });
  while (payloads.length === 0) await sleep(10);
  orders.close();
  expect(payloads[0]).toMatchObject({ Amount__c: 42 });
});
