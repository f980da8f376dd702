/**
 * Time of one RS256 signature through each signer, next to an in-process KeyObject measured in
 * the same run: SoftHSM2 through PKCS#11 (@sf-jwt/signer-pkcs11) and AWS KMS through moto's
 * server on loopback (@sf-jwt/signer-aws-kms). A signer whose key store is not installed is left
 * out with a notice. sf-jwt signs once per login, not per request, so these are per-login costs.
 * Run: pnpm bench:signers
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { awsKmsSigner } from '../packages/signer-aws-kms/src/index.js';
import {
  createKmsKey,
  FAKE_AWS,
  hasMotoServer,
  startMoto,
} from '../packages/signer-aws-kms/test/moto-server.js';
import { generatePkcs11KeyPair, pkcs11Signer } from '../packages/signer-pkcs11/src/index.js';
import { hasSoftHsm, initToken, PIN } from '../packages/signer-pkcs11/test/softhsm.js';

const ROUNDS = 5;
const input = Buffer.from(
  'eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiIzTVZHOS1iZW5jaCIsInN1YiI6ImludGVncmF0aW9uQGFjbWUuY29tIn0',
);

async function medianMicros(iterations: number, run: () => unknown): Promise<number> {
  const rounds: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const start = performance.now();
    for (let index = 0; index < iterations; index += 1) await run();
    rounds.push(((performance.now() - start) * 1000) / iterations);
  }
  return rounds.sort((a, b) => a - b)[Math.floor(ROUNDS / 2)]!;
}

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const baseline = await medianMicros(500, () => sign('sha256', input, privateKey));
const rows: Array<[string, number]> = [];

if (hasSoftHsm()) {
  const { library } = initToken('bench');
  const token = { library, tokenLabel: 'bench', pin: PIN, keyLabel: 'bench' };
  generatePkcs11KeyPair(token);
  const hsm = pkcs11Signer(token);
  await hsm.sign(input); // opens and logs in the session once
  rows.push([
    'SoftHSM2 via PKCS#11 (pkcs11Signer)',
    await medianMicros(200, () => hsm.sign(input)),
  ]);
  hsm.close();
} else {
  console.log('[sf-jwt] SoftHSM2 or the pkcs11js binding is missing: PKCS#11 row left out');
}

if (hasMotoServer()) {
  const moto = await startMoto();
  try {
    const kms = awsKmsSigner({
      keyId: await createKmsKey(moto.url),
      clientConfig: { ...FAKE_AWS, endpoint: moto.url },
    });
    await kms(input);
    rows.push([
      'AWS KMS via moto on loopback (awsKmsSigner)',
      await medianMicros(50, () => kms(input)),
    ]);
  } finally {
    await moto.stop();
  }
} else {
  console.log('[sf-jwt] moto_server is missing: KMS row left out');
}

console.log(`rounds: ${ROUNDS} (medians)`);
console.log(`in-process KeyObject (crypto.sign, baseline): ${baseline.toFixed(1)} µs/signature`);
for (const [name, micros] of rows) {
  console.log(
    `${name}: ${micros.toFixed(1)} µs/signature, ratio ${(micros / baseline).toFixed(2)}`,
  );
}
