// ESM consumer of the packed tarballs, run by tools/tarball-smoke/run.mjs in an empty folder
// outside the workspace where plain npm installed them. Everything comes from node_modules: the
// emulator from the installed @sf-jwt/emulator, the steps of smoke-checks.cjs (a token from core, a
// query through the jsforce adapter, an Express app with the middleware, the Redis store's module),
// and the installed `sf-jwt` binary. Exits non-zero on the first failure; a 60 s timer bounds the whole run.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as core from '@sf-jwt/core';
import { startTestOrg } from '@sf-jwt/emulator';
import * as expressMiddleware from '@sf-jwt/express-middleware';
import * as jsforceAdapter from '@sf-jwt/jsforce-adapter';
import * as pubsub from '@sf-jwt/pubsub';
import * as pubsubApi from '@sf-jwt/pubsub-api';
import * as redisStore from '@sf-jwt/redis-store';
import * as awsKms from '@sf-jwt/signer-aws-kms';
import * as pkcs11 from '@sf-jwt/signer-pkcs11';
import express from 'express';
import checks from './smoke-checks.cjs';

const { smokeChecks } = checks;
// Every package through import: its ESM build.
const packages = {
  ...core,
  ...expressMiddleware,
  ...jsforceAdapter,
  ...pubsub,
  ...pubsubApi,
  ...redisStore,
  ...awsKms,
  ...pkcs11,
  express,
};

const deadline = setTimeout(() => {
  console.error('[smoke.mjs] did not finish within 60 s');
  process.exit(1);
}, 60_000);

const cleanups = [];
const { org, emulator, config } = await startTestOrg();
try {
  await smokeChecks('esm', packages, { emulator, config });

  const dir = mkdtempSync(join(tmpdir(), 'sf-jwt-smoke-key-'));
  const keyFile = join(dir, 'server.key');
  writeFileSync(keyFile, org.privateKey, { mode: 0o600 });
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const bin = join(process.cwd(), 'node_modules', '@sf-jwt', 'cli', 'bin', 'sf-jwt.mjs');
  const args = ['--json', 'token', '--client-id', org.clientId, '--username', org.username];
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [bin, ...args, '--key-file', keyFile, '--login-url', emulator.url],
    { timeout: 30_000 },
  );
  const printed = JSON.parse(stdout);
  assert.equal(printed.ok, true);
  assert.equal(printed.instanceUrl, emulator.url);
  console.log('esm: the installed sf-jwt binary printed a token');
} finally {
  await emulator.stop();
  for (const cleanup of cleanups) cleanup();
  clearTimeout(deadline);
}
console.log(`esm: all passed on Node ${process.version}`);
