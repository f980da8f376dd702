// ESM consumer of the packed tarballs, run by tools/tarball-smoke/run.mjs in an empty folder
// outside the workspace where plain npm installed them. Everything comes from node_modules: the
// emulator from the installed @sf-jwt/emulator, a token from core, a query through the jsforce
// adapter, an Express app with the middleware, the Redis store's module, and the installed
// `sf-jwt` binary. Exits non-zero on the first failure; a 60 s timer bounds the whole run.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { JwtBearerStrategy, SalesforceAuthError } from '@sf-jwt/core';
import { startTestOrg } from '@sf-jwt/emulator';
import { errorHandler, salesforce } from '@sf-jwt/express-middleware';
import { createConnection } from '@sf-jwt/jsforce-adapter';
import { PubSubError, subscribe } from '@sf-jwt/pubsub';
import { loadPubSubService } from '@sf-jwt/pubsub-api';
import { RedisTokenStore } from '@sf-jwt/redis-store';
import { awsKmsSigner } from '@sf-jwt/signer-aws-kms';
import { pkcs11Signer } from '@sf-jwt/signer-pkcs11';
import express from 'express';

const deadline = setTimeout(() => {
  console.error('[smoke.mjs] did not finish within 60 s');
  process.exit(1);
}, 60_000);

const cleanups = [];
const { org, emulator, config } = await startTestOrg();
try {
  const strategy = new JwtBearerStrategy(config);
  const token = await strategy.getToken();
  assert.equal(token.instanceUrl, emulator.url);
  assert.equal(typeof SalesforceAuthError, 'function');
  console.log('esm: core got a token');

  const conn = await createConnection(strategy);
  const { records } = await conn.query('SELECT Id, Name FROM Account');
  assert.equal(records.length, 3);
  emulator.expireSessions();
  const healed = await conn.query('SELECT Id FROM Account');
  assert.equal(healed.records.length, 3);
  console.log('esm: jsforce adapter queried, and healed after the session expired');

  const app = express();
  app.use('/api', salesforce(config));
  app.get('/api/accounts', async (req, res, next) => {
    try {
      res.json((await req.sf.query('SELECT Name FROM Account')).records.map((r) => r.Name));
    } catch (error) {
      next(error);
    }
  });
  app.use(errorHandler());
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const response = await fetch(`http://127.0.0.1:${server.address().port}/api/accounts`);
    assert.equal(response.status, 200);
    assert.deepEqual((await response.json()).sort(), ['Acme', 'Globex', 'Initech']);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  console.log('esm: express middleware served req.sf');

  assert.equal(typeof RedisTokenStore, 'function');
  // The signers load (pkcs11js's native binding included) and make a signer without a key store.
  assert.equal(
    typeof awsKmsSigner({ keyId: 'alias/smoke', clientConfig: { region: 'us-east-1' } }),
    'function',
  );
  assert.equal(
    typeof pkcs11Signer({ library: '/nonexistent.so', tokenLabel: 't', pin: 'p', keyLabel: 'k' })
      .sign,
    'function',
  );
  assert.equal(typeof subscribe, 'function');
  assert.equal(typeof PubSubError, 'function');
  assert.equal(loadPubSubService().service.Subscribe.path, '/eventbus.v1.PubSub/Subscribe');

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
