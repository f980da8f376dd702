/**
 * A warm getToken() against `await map.get(key)`, the cheapest possible cache read, measured in
 * the same run. The token is already held, so no request is made. Also a strategy instrumented
 * with @sf-jwt/core/otel while no OpenTelemetry SDK is registered (the API's no-op): it must cost
 * nothing more. Run: pnpm bench:warm-token
 */
import { generateKeyPairSync } from 'node:crypto';
import { JwtBearerStrategy, MemoryTokenStore } from '../packages/core/src/index.js';
import { instrumentStore, instrumentStrategy } from '../packages/core/src/otel.js';
import { meanPerCall, median } from './timing.js';

const ITERATIONS = Number(process.env.ITERATIONS ?? 1_000_000);
const ROUNDS = 7;
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const token = {
  accessToken: '00Dxx0000001gPF!AQbenchToken',
  instanceUrl: 'https://acme.my.salesforce.com',
  id: 'https://login.salesforce.com/id/00Dxx0000001gPFEAY/005xx000001SwiUAAS',
  organizationId: '00Dxx0000001gPFEAY',
  userId: '005xx000001SwiUAAS',
  tokenType: 'Bearer',
  issuedAt: Date.now(),
};
const config = { clientId: '3MVG9-bench', username: 'integration@acme.com', privateKey };

// Warm the strategy from its store (no exchange: the stored value is a well-formed token).
const store = new MemoryTokenStore();
const warmed = new JwtBearerStrategy({ ...config, store });
await store.set(warmed.cacheKey, { token, cacheKey: warmed.cacheKey });
await warmed.getToken();

// The same, instrumented, with @opentelemetry/api installed and no SDK registered.
const otelStore = instrumentStore(new MemoryTokenStore());
const instrumented = new JwtBearerStrategy({ ...config, store: otelStore });
instrumentStrategy(instrumented);
await otelStore.set(instrumented.cacheKey, { token, cacheKey: instrumented.cacheKey });
await instrumented.getToken();

const map = new Map([['key', token]]);

const nanosPerCall = (run: () => unknown) => meanPerCall(ITERATIONS, run, 1e6);

const baseline: number[] = [];
const warm: number[] = [];
const warmOtel: number[] = [];
for (let round = 0; round < ROUNDS; round += 1) {
  baseline.push(await nanosPerCall(() => map.get('key')));
  warm.push(await nanosPerCall(() => warmed.getToken()));
  warmOtel.push(await nanosPerCall(() => instrumented.getToken()));
}
const base = median(baseline);
const ours = median(warm);
console.log(`iterations per round: ${ITERATIONS}, rounds: ${ROUNDS} (medians)`);
console.log(`await map.get(key) (baseline): ${base.toFixed(1)} ns/call`);
console.log(`await strategy.getToken() warm: ${ours.toFixed(1)} ns/call`);
console.log(`speed relative to baseline:     ${(base / ours).toFixed(2)}x (target >= 0.8)`);
const otel = median(warmOtel);
console.log(`instrumented (OTel API, no SDK): ${otel.toFixed(1)} ns/call`);
console.log(`instrumented relative to plain:  ${(ours / otel).toFixed(2)}x (target >= 0.95)`);
