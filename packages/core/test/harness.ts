import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { delay, HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { type JwtBearerConfig, JwtBearerStrategy } from '../src/index.js';

export interface TestKeys {
  privateKey: KeyObject;
  publicKey: KeyObject;
  pkcs8: string;
  pkcs1: string;
  encrypted: string;
  publicPem: string;
}

/** A fresh 2048-bit RSA key in every format the core accepts; nothing is written to disk. */
export function makeKeys(): TestKeys {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateKey,
    publicKey,
    pkcs8: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    pkcs1: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
    encrypted: privateKey
      .export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'correct horse' })
      .toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

export const ORG_ID = '00Dxx0000001gPFEAY';
export const USER_ID = '005xx000001SwiUAAS';

let counter = 0;
/** A token body shaped like Salesforce's, with a unique session id each call. */
export function tokenBody(instanceUrl = 'https://acme.my.salesforce.com') {
  counter += 1;
  return {
    access_token: `${ORG_ID}!AQ${String(counter).padStart(6, '0')}fakeSessionIdForTests`,
    scope: 'api',
    instance_url: instanceUrl,
    id: `https://login.salesforce.com/id/${ORG_ID}/${USER_ID}`,
    token_type: 'Bearer',
  };
}

export const server = setupServer();

/** Starts the msw server for the file's tests (unhandled requests fail), resets it between. */
export function useTokenServer(): void {
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
}

export const LOGIN = 'https://login.salesforce.com';

/**
 * The set-up of a strategy test file: the msw token server for its tests ({@link useTokenServer})
 * and the test app's config, signed with a fresh key, with `extra`.
 */
export function strategyTest(extra: Partial<JwtBearerConfig> = {}): {
  keys: TestKeys;
  config: JwtBearerConfig;
} {
  useTokenServer();
  const keys = makeKeys();
  return { keys, config: strategyConfig(keys.pkcs8, extra) };
}

/** The connected app and user every strategy test signs as, with `privateKey` and `extra`. */
export function strategyConfig(
  privateKey: string,
  extra: Partial<JwtBearerConfig> = {},
): JwtBearerConfig {
  return {
    clientId: '3MVG9-consumer-key',
    username: 'integration@acme.com',
    privateKey,
    ...extra,
  } as JwtBearerConfig;
}

/** Registers a token endpoint on `host` that answers with `answer` and records each request. */
export function tokenEndpoint(
  host: string,
  answer: (request: Request, index: number) => Response | Promise<Response>,
) {
  const requests: Array<{ assertion: string; grantType: string; contentType: string | null }> = [];
  server.use(
    http.post(`${host}/services/oauth2/token`, async ({ request }) => {
      const form = new URLSearchParams(await request.clone().text());
      requests.push({
        assertion: form.get('assertion') ?? '',
        grantType: form.get('grant_type') ?? '',
        contentType: request.headers.get('content-type'),
      });
      return answer(request, requests.length - 1);
    }),
  );
  return requests;
}

export const okToken = () => HttpResponse.json(tokenBody());

/** A token answered after `ms` of delay: callers overlap while the exchange runs. */
export const delayedToken = (ms: number) => async () => {
  await delay(ms);
  return okToken();
};

/** Salesforce's answer for a user who has not approved the connected app (`user_not_approved`). */
export const notApproved = () =>
  HttpResponse.json(
    { error: 'invalid_grant', error_description: "user hasn't approved this consumer" },
    { status: 400 },
  );

export function decodeJwt(jwt: string) {
  const [header, claims] = jwt.split('.');
  return {
    header: JSON.parse(Buffer.from(header!, 'base64url').toString()),
    claims: JSON.parse(Buffer.from(claims!, 'base64url').toString()),
  };
}

/**
 * A strategy on `base` whose wall clock the test moves (`clock.now`), recording every refused
 * login's reason.
 */
export function clockedStrategy(base: JwtBearerConfig, extra: Partial<JwtBearerConfig> = {}) {
  const clock = { now: Date.parse('2026-11-26T10:00:00Z') };
  const strategy = new JwtBearerStrategy({ ...base, now: () => clock.now, ...extra });
  const refused: string[] = [];
  strategy.on('loginRefused', (event) => refused.push(event.reason));
  return { clock, strategy, refused };
}

/** Waits for every call, fulfilled or rejected. */
export const settle = (calls: Array<Promise<unknown>>) => Promise.allSettled(calls);
