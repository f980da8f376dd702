// @ts-check
// A CommonJS codebase: the same swap with require.
const { createConnection } = require('@sf-jwt/jsforce-adapter');

/** before: const conn = new jsforce.Connection({ loginUrl }); await conn.login(user, password); */
function getConnection() {
  return createConnection({
    clientId: process.env.SF_CLIENT_ID ?? '', // the connected app's Consumer Key
    username: process.env.SF_USERNAME ?? '',
    privateKeyFile: process.env.SF_PRIVATE_KEY_FILE ?? './server.key',
    loginUrl: process.env.SF_LOGIN_URL, // unset: https://login.salesforce.com
  });
}

async function countAccounts() {
  const conn = await getConnection();
  const { totalSize } = await conn.query('SELECT Id FROM Account');
  return { organizationId: conn.userInfo.organizationId, totalSize };
}

module.exports = { getConnection, countAccounts };
