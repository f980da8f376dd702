// @ts-check
// A CommonJS app that exports a Connection when the module loads and logs it in later:
// `attach` authenticates that same object, so every module that required it keeps working.
const jsforce = require('jsforce');
const { attach, DEFAULT_API_VERSION } = require('@sf-jwt/jsforce-adapter');

// attach keeps the version a Connection has: without one, jsforce would use its old 50.0.
const conn = new jsforce.Connection({ version: process.env.SF_API_VERSION ?? DEFAULT_API_VERSION });

// before: const ready = conn.login(process.env.SF_USERNAME, process.env.SF_PASSWORD);
const ready = attach(conn, {
  clientId: process.env.SF_CLIENT_ID ?? '', // the connected app's Consumer Key
  username: process.env.SF_USERNAME ?? '',
  privateKeyFile: process.env.SF_PRIVATE_KEY_FILE ?? './server.key',
  loginUrl: process.env.SF_LOGIN_URL, // unset: https://login.salesforce.com
});
// Whoever awaits `ready` gets the typed error; this only keeps it from going unnoticed.
ready.catch((error) => console.error(error.message));

module.exports = { conn, ready };
