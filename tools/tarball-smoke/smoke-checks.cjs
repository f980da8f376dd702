// The steps both smoke consumers run (smoke.mjs through `import`, smoke.cjs through `require()`),
// given the packages as each loaded them, so the ESM and the CommonJS builds pass the same checks:
// a token from core, a query through the jsforce adapter healed after an expiry, an Express app
// with the middleware, and the Redis store, signers and Pub/Sub modules.
const assert = require('node:assert/strict');

async function smokeChecks(label, packages, { emulator, config }) {
  const { JwtBearerStrategy, createConnection, express, salesforce, errorHandler } = packages;
  const strategy = new JwtBearerStrategy(config);
  const token = await strategy.getToken();
  assert.equal(token.instanceUrl, emulator.url);
  assert.equal(typeof packages.SalesforceAuthError, 'function');
  console.log(`${label}: core got a token`);

  const conn = await createConnection(strategy);
  const { records } = await conn.query('SELECT Id, Name FROM Account');
  assert.equal(records.length, 3);
  emulator.expireSessions();
  assert.equal((await conn.query('SELECT Id FROM Account')).records.length, 3);
  console.log(`${label}: jsforce adapter queried, and healed after the session expired`);

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
  console.log(`${label}: express middleware served req.sf`);

  assert.equal(typeof packages.RedisTokenStore, 'function');
  // The signers load (pkcs11js's native binding included) and make a signer without a key store.
  assert.equal(
    typeof packages.awsKmsSigner({ keyId: 'alias/smoke', clientConfig: { region: 'us-east-1' } }),
    'function',
  );
  const pkcs11 = { library: '/nonexistent.so', tokenLabel: 't', pin: 'p', keyLabel: 'k' };
  assert.equal(typeof packages.pkcs11Signer(pkcs11).sign, 'function');
  assert.equal(typeof packages.subscribe, 'function');
  assert.equal(typeof packages.PubSubError, 'function');
  assert.equal(
    packages.loadPubSubService().service.Subscribe.path,
    '/eventbus.v1.PubSub/Subscribe',
  );
}

module.exports = { smokeChecks };
