// Build the strategy yourself to listen to its events, give it a shared store (Redis) or hand
// it around: every connection built from it, by createConnection or attach, shares its token.
import { JwtBearerStrategy } from '@sf-jwt/core';
import { attach, createConnection } from '@sf-jwt/jsforce-adapter';
import jsforce from 'jsforce';

export function connectAll() {
  const strategy = new JwtBearerStrategy({
    clientId: process.env.SF_CLIENT_ID ?? '',
    username: process.env.SF_USERNAME ?? '',
    privateKeyFile: process.env.SF_PRIVATE_KEY_FILE ?? './server.key',
    loginUrl: process.env.SF_LOGIN_URL,
  });
  strategy.on('token', ({ source, exchangeMs }) => console.info('token', source, exchangeMs));
  // before: const { access_token, instance_url } = await myJwtFetch();
  //         const conn = new jsforce.Connection({ instanceUrl: instance_url, accessToken: access_token });
  return Promise.all([
    createConnection(strategy, { version: '63.0', maxRequest: 20 }),
    attach(new jsforce.Connection({ version: '62.0' }), strategy),
  ]);
}
