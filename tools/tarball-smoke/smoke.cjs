// CommonJS consumer of the packed tarballs (require(), the packages' .cjs builds), run by
// tools/tarball-smoke/run.mjs in an empty folder outside the workspace where plain npm installed
// them: the emulator from the installed @sf-jwt/emulator, a token from core, a query through the
// jsforce adapter, an Express app with the middleware, and the Redis store's module
// (smoke-checks.cjs, the steps smoke.mjs runs too).
// Exits non-zero on the first failure; a 60 s timer bounds the whole run.
const { startTestOrg } = require('@sf-jwt/emulator');
const { smokeChecks } = require('./smoke-checks.cjs');

// Every package through require(): its CommonJS build.
const packages = {
  ...require('@sf-jwt/core'),
  ...require('@sf-jwt/express-middleware'),
  ...require('@sf-jwt/jsforce-adapter'),
  ...require('@sf-jwt/pubsub'),
  ...require('@sf-jwt/pubsub-api'),
  ...require('@sf-jwt/redis-store'),
  ...require('@sf-jwt/signer-aws-kms'),
  ...require('@sf-jwt/signer-pkcs11'),
  express: require('express'),
};

const deadline = setTimeout(() => {
  console.error('[smoke.cjs] did not finish within 60 s');
  process.exit(1);
}, 60_000);

async function main() {
  const { emulator, config } = await startTestOrg();
  try {
    await smokeChecks('cjs', packages, { emulator, config });
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
