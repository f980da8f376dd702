/**
 * The per-subject pool's memory and CPU, in one run (no network: the token endpoint is an
 * in-process fetch stub answering a canned token, so only the pool's own objects are measured):
 * - heap per held subject (strategy + Connection + pool entries) against a bare jsforce
 *   Connection, at 1,000 and 10,000 subjects (target <= 1.2x);
 * - heap after idleMs has passed with no traffic (idle subjects freed);
 * - the extra synchronous cost of a new subject with a PEM source against a KeyObject source
 *   (the pool parses a PEM once: the two should match), with the cost of parsing a PEM per
 *   subject (what the pool did before) for reference.
 * Run: pnpm bench:pool   (node runs with --expose-gc through tsx)
 */
import { generateKeyPairSync } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { JwtBearerStrategy, loadPrivateKey } from '../packages/core/src/index.js';
import { Connection } from '../packages/jsforce-adapter/node_modules/jsforce/index.js';
import { ConnectionPool } from '../packages/jsforce-adapter/src/index.js';
import { median } from './timing.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc (pnpm bench:pool does)');

const { privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});
const INSTANCE = 'https://acme.my.salesforce.com';
let issued = 0;
const tokenFor = (index: number) =>
  `00D000000000001!AQ${'x'.repeat(96)}${String(index).padStart(8, '0')}`;
const stubFetch: typeof fetch = async () => {
  issued += 1;
  return new Response(
    JSON.stringify({
      access_token: tokenFor(issued),
      instance_url: INSTANCE,
      id: 'https://login.salesforce.com/id/00D000000000001AAA/005000000000001AAA',
      token_type: 'Bearer',
      issued_at: String(Date.now()),
      signature: 'c2lnbmF0dXJl',
    }),
    { status: 200, headers: { 'content-type': 'application/json' } },
  );
};
// The heap runs sign with a stub (RSA signing 10,000 assertions would only cost time): a pool
// holds one KeyObject for all its subjects either way; the key's parse cost is measured below.
const stubSigner = async () => new Uint8Array(256);
const base = {
  clientId: 'bench-client',
  username: 'integration@example.com',
  signer: stubSigner,
  loginUrl: 'https://login.salesforce.com',
  fetch: stubFetch,
  // Each exchange's timeout timer (AbortSignal.timeout) holds memory until it ends: a short one
  // lets the run measure the steady state of a held subject without waiting 10 s.
  timeoutMs: 1_000,
};
const EXCHANGE_TIMERS_DONE_MS = 1_200;
const subjectName = (index: number) => `user${index}@example.com`;

// A collection, then a turn of the event loop so FinalizationRegistry callbacks run (each
// exchange's AbortSignal.timeout keeps its Timer until its registry callback has run), then another.
async function heapNow(): Promise<number> {
  gc!();
  await new Promise((resolve) => setTimeout(resolve, 20));
  gc!();
  await new Promise((resolve) => setTimeout(resolve, 20));
  gc!();
  return process.memoryUsage().heapUsed;
}
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

async function fill(pool: ConnectionPool, count: number): Promise<void> {
  for (let start = 0; start < count; start += 200) {
    const batch = Array.from({ length: Math.min(200, count - start) }, (_, offset) =>
      pool.get(subjectName(start + offset)),
    );
    await Promise.all(batch);
  }
}

async function heldPerSubject(count: number, idleMs: number) {
  const before = await heapNow();
  const pool = new ConnectionPool(base, { maxSubjects: count, idleMs });
  await fill(pool, count);
  await new Promise((resolve) => setTimeout(resolve, EXCHANGE_TIMERS_DONE_MS));
  const held = await heapNow();
  if (pool.size !== count) throw new Error(`pool holds ${pool.size}, not ${count}`);
  return { pool, perSubject: (held - before) / count, before, held };
}

async function barePerConnection(count: number): Promise<number> {
  const before = await heapNow();
  const connections = Array.from(
    { length: count },
    (_, index) =>
      new Connection({ version: '62.0', instanceUrl: INSTANCE, accessToken: tokenFor(index) }),
  );
  const after = await heapNow();
  if (connections.length !== count) throw new Error('unreachable');
  return (after - before) / count;
}

console.log(
  'heap per held subject (pool: strategy + Connection + entries) vs a bare jsforce Connection',
);
// Warm-up, not counted: both sides' code is compiled (V8 keeps it on the heap) before any
// measurement, so the figures are the steady cost of one more subject or connection.
await barePerConnection(1_000);
(await heldPerSubject(1_000, 60_000)).pool.clear();
for (const count of [1_000, 10_000]) {
  const bare = await barePerConnection(count);
  const idleMs = 30_000; // longer than filling 10,000 subjects takes on a loaded machine
  const { pool, perSubject, before } = await heldPerSubject(count, idleMs);
  console.log(
    `  ${String(count).padStart(6)} subjects: ${kib(perSubject)} per subject vs ${kib(bare)} bare, ratio ${(perSubject / bare).toFixed(2)} (target <= 1.2)`,
  );
  await new Promise((resolve) => setTimeout(resolve, idleMs + 500));
  const after = await heapNow();
  console.log(
    `          after idleMs (${idleMs} ms, no traffic): ${pool.size} subjects held, heap ${kib(after - before)} above the empty pool (was ${kib(perSubject * count)})`,
  );
  pool.clear();
}

const keyObject = loadPrivateKey({ privateKey });
const { signer: _signer, ...keyedBase } = base;

/** Mean synchronous time of pool.get() for a new subject (the exchanges run after, not timed). */
async function newSubjectMs(key: string | typeof keyObject, count: number): Promise<number> {
  const pool = new ConnectionPool({ ...keyedBase, privateKey: key }, { maxSubjects: count });
  const pending: Array<unknown> = [];
  const started = performance.now();
  for (let index = 0; index < count; index += 1) pending.push(pool.get(subjectName(index)));
  const elapsed = performance.now() - started;
  await Promise.all(pending);
  pool.clear();
  return elapsed / count;
}

/** The same for a strategy built from the PEM per subject, as the pool did before. */
function strategyPerSubjectMs(count: number): number {
  const started = performance.now();
  for (let index = 0; index < count; index += 1) {
    new JwtBearerStrategy({ ...keyedBase, privateKey, username: subjectName(index) });
  }
  return (performance.now() - started) / count;
}

await newSubjectMs(privateKey, 200); // warm-up, not counted
await newSubjectMs(keyObject, 200);
strategyPerSubjectMs(200);
// Alternating rounds, medians: a collection landing in one round does not decide the result.
const pemRounds: number[] = [];
const objectRounds: number[] = [];
for (let round = 0; round < 5; round += 1) {
  pemRounds.push(await newSubjectMs(privateKey, 400));
  objectRounds.push(await newSubjectMs(keyObject, 400));
}
const pem = median(pemRounds);
const object = median(objectRounds);
const perSubjectParse = strategyPerSubjectMs(2_000);
const us = (ms: number) => `${(ms * 1000).toFixed(1)} µs`;
console.log('synchronous cost of a new subject in a pool (pool.get; median of 5 rounds of 400)');
console.log(`  PEM source (parsed once per pool):     ${us(pem)}`);
console.log(`  KeyObject source:                      ${us(object)}`);
console.log(`  extra cost of the PEM source:          ${us(pem - object)} per new subject`);
console.log(`  for reference, a PEM parsed per subject (the pool before): ${us(perSubjectParse)}`);
