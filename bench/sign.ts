/**
 * Signing cost per assertion: @sf-jwt/core against a bare crypto.sign with the same KeyObject,
 * measured in the same run. Run: pnpm bench:sign
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { signAssertion } from '../packages/core/src/assertion/sign-assertion.js';
import { validateConfig } from '../packages/core/src/config/validate-config.js';
import { meanPerCall, median } from './timing.js';

const ITERATIONS = Number(process.env.ITERATIONS ?? 2000);
const ROUNDS = 5;
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const config = validateConfig({
  clientId: '3MVG9-bench-consumer-key',
  username: 'integration@acme.com',
  privateKey,
});
const input = Buffer.from(
  'eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiIzTVZHOS1iZW5jaCIsInN1YiI6ImludGVncmF0aW9uQGFjbWUuY29tIn0',
);

const perCallMicros = (run: () => unknown) => meanPerCall(ITERATIONS, run, 1000);

const raw: number[] = [];
const core: number[] = [];
for (let round = 0; round < ROUNDS; round += 1) {
  raw.push(await perCallMicros(() => sign('sha256', input, privateKey)));
  core.push(
    await perCallMicros(() => signAssertion(config, 'https://login.salesforce.com', Date.now())),
  );
}
const rawMedian = median(raw);
const coreMedian = median(core);
console.log(`iterations per round: ${ITERATIONS}, rounds: ${ROUNDS} (medians)`);
console.log(`crypto.sign (KeyObject, baseline): ${rawMedian.toFixed(1)} µs/signature`);
console.log(`@sf-jwt/core signAssertion:        ${coreMedian.toFixed(1)} µs/assertion`);
console.log(
  `ratio core / baseline:             ${(coreMedian / rawMedian).toFixed(3)} (target <= 1.1)`,
);
