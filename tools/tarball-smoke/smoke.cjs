// CommonJS consumer of the packed tarballs (require(), the packages' .cjs builds), run by
// tools/tarball-smoke/run.mjs in an empty folder outside the workspace where plain npm installed
// them: the emulator from the installed @sf-jwt/emulator, a token from core, a query through the
// jsforce adapter, an Express app with the middleware, and the Redis store's module.
// Exits non-zero on the first failure; a 60 s timer bounds the whole run.
const assert = require('node:assert/strict');
const { JwtBearerStrategy } = require('@sf-jwt/core');
const { startTestOrg } = require('@sf-jwt/emulator');
const { errorHandler, salesforce } = require('@sf-jwt/express-middleware');
const { createConnection } = require('@sf-jwt/jsforce-adapter');
const { PubSubError, subscribe } = require('@sf-jwt/pubsub');
const { loadPubSubService } = require('@sf-jwt/pubsub-api');
const { RedisTokenStore } = require('@sf-jwt/redis-store');
const { awsKmsSigner } = require('@sf-jwt/signer-aws-kms');
const { pkcs11Signer } = require('@sf-jwt/signer-pkcs11');
const express = require('express');

const deadline = setTimeout(() => {
  console.error('[smoke.cjs] did not finish within 60 s');
  process.exit(1);
}, 60_000);

async function main() {
  const { emulator, config } = await startTestOrg();
  try {
    const strategy = new JwtBearerStrategy(config);
    const token = await strategy.getToken();
    assert.equal(token.instanceUrl, emulator.url);
    console.log('cjs: core got a token');

    const conn = await createConnection(strategy);
    const { records } = await conn.query('SELECT Id, Name FROM Account');
    assert.equal(records.length, 3);
    emulator.expireSessions();
    assert.equal((await conn.query('SELECT Id FROM Account')).records.length, 3);
    console.log('cjs: jsforce adapter queried, and healed after the session expired');

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
    console.log('cjs: express middleware served req.sf');

    assert.equal(typeof RedisTokenStore, 'function');
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
  } finally {
    await emulator.stop();
  }
}

main().then(
  () => {
    clearTimeout(deadline);
    console.log(`cjs: all passed on Node ${process.version}`);
  },
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
