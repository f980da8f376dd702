/**
 * The serverless example (examples/serverless-fetch: sf-jwt's authorizedFetch, bundled with
 * esbuild) against the hand-written jsonwebtoken + fetch handler it replaces, measured in the same
 * run: bundle size (bytes and gzip), and cold start (a new Node process loads the bundle and
 * answers its first invocation, token exchange included, against a local emulator). Medians of
 * alternating rounds; ratios are sf-jwt / hand-written. Run: pnpm bench:serverless
 */
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { startTestOrg } from '../packages/emulator/src/index.js';
import { median } from './timing.js';

const ROUNDS = Number(process.env.ROUNDS ?? 9);
const example = fileURLToPath(new URL('../examples/serverless-fetch/', import.meta.url));
execFileSync('pnpm', ['--silent', 'bundle'], { cwd: example, stdio: 'inherit' });
const bundles = {
  'sf-jwt authorizedFetch': `${example}dist/handler.cjs`,
  'hand-written jsonwebtoken + fetch': `${example}dist/handwritten-handler.cjs`,
};

const { emulator, org } = await startTestOrg();
const env = {
  ...process.env,
  SF_CLIENT_ID: org.clientId,
  SF_USERNAME: org.username,
  SF_PRIVATE_KEY: org.privateKey,
  SF_LOGIN_URL: emulator.url,
  SF_AUDIENCE: 'https://login.salesforce.com',
};

/**
 * One cold start: ms from the new process's start (its performance.timeOrigin) to the first
 * invocation's answer, as the process itself measures it; it exits at once (keep-alive sockets
 * would otherwise hold it open for seconds).
 */
function coldStart(bundle: string): Promise<number> {
  const script = `require(${JSON.stringify(bundle)}).handler({ limit: 1 }).then((r) => { process.stdout.write(String(performance.now())); process.exit(r.statusCode === 200 ? 0 : 1); })`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script], {
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.on('exit', (code) =>
      code === 0 ? resolve(Number(out)) : reject(new Error(`${bundle} failed`)),
    );
  });
}

const names = Object.keys(bundles) as Array<keyof typeof bundles>;
const times = Object.fromEntries(names.map((name) => [name, [] as number[]]));
try {
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const name of round % 2 === 0 ? names : [...names].reverse()) {
      times[name]!.push(await coldStart(bundles[name]));
    }
  }
} finally {
  await emulator.stop();
}

const rows = names.map((name) => {
  const bytes = readFileSync(bundles[name]);
  return { name, bytes: bytes.length, gzip: gzipSync(bytes).length, coldMs: median(times[name]!) };
});
for (const row of rows) {
  console.log(
    `${row.name.padEnd(36)} bundle ${String(row.bytes).padStart(7)} B (gzip ${String(row.gzip).padStart(6)} B)  cold start median ${row.coldMs.toFixed(1)} ms`,
  );
}
const [ours, baseline] = rows as [(typeof rows)[0], (typeof rows)[0]];
console.log(
  `ratios sf-jwt / hand-written: bundle ${(ours.bytes / baseline.bytes).toFixed(2)}x, gzip ${(ours.gzip / baseline.gzip).toFixed(2)}x, cold start ${(ours.coldMs / baseline.coldMs).toFixed(2)}x (${ROUNDS} rounds, Node ${process.version})`,
);
