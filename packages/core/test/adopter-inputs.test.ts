import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  type ConfigNormalisation,
  exchangeAssertion,
  type JwtBearerConfig,
  JwtBearerStrategy,
  SalesforceAuthError,
} from '../src/index.js';
import { okToken, strategyTest, tokenBody, tokenEndpoint } from './harness.js';

const MY_DOMAIN = 'https://acme.my.salesforce.com';
const { keys, config } = strategyTest({ retry: false });

/** The strategy and every `normalised` event it emits (listened to right after `new`). */
function strategyHearing(options: JwtBearerConfig) {
  const strategy = new JwtBearerStrategy(options);
  const heard: ConfigNormalisation[] = [];
  strategy.on('normalised', (normalisation) => heard.push(normalisation));
  return { strategy, heard };
}

function thrown(run: () => unknown): SalesforceAuthError {
  try {
    run();
  } catch (error) {
    if (SalesforceAuthError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a SalesforceAuthError');
}

describe('a login URL ending in the token path, as many guides store it', () => {
  it.each([
    `${MY_DOMAIN}/services/oauth2/token`,
    `${MY_DOMAIN}/services/oauth2/token/`,
    `${MY_DOMAIN}/SERVICES/OAUTH2/TOKEN`,
  ])('%s is accepted, exchanged at the token endpoint once, and announced', async (loginUrl) => {
    const requests = tokenEndpoint(MY_DOMAIN, okToken);
    const { strategy, heard } = strategyHearing({ ...config, loginUrl, audience: 'my-domain' });
    expect(strategy.loginUrl).toBe(MY_DOMAIN);
    await strategy.getToken();
    expect(requests).toHaveLength(1);
    expect(heard).toEqual([{ option: 'loginUrl', change: 'token_path_removed' }]);
  });

  it('keeps an Experience Cloud site path and removes only the token path after it', () => {
    const site = 'https://acme.my.site.com/partners';
    const { strategy } = strategyHearing({ ...config, loginUrl: `${site}/services/oauth2/token` });
    expect(strategy.loginUrl).toBe(site);
  });

  it('still refuses any other path with invalid_config, and announces nothing for a clean URL', async () => {
    const error = thrown(
      () =>
        new JwtBearerStrategy({ ...config, loginUrl: `${MY_DOMAIN}/services/oauth2/authorize` }),
    );
    expect(error.code).toBe('invalid_config');
    const { heard } = strategyHearing({ ...config, loginUrl: MY_DOMAIN });
    await new Promise((resolve) => setImmediate(resolve));
    expect(heard).toEqual([]);
  });
});

describe('a PEM whose newlines arrived as literal \\n (an environment variable)', () => {
  it('is accepted, signs assertions Salesforce takes, and is announced', async () => {
    const requests = tokenEndpoint('https://login.salesforce.com', okToken);
    const { strategy, heard } = strategyHearing({
      ...config,
      privateKey: keys.pkcs8.replace(/\n/g, '\\n'),
    });
    await strategy.getToken();
    expect(requests).toHaveLength(1);
    expect(heard).toEqual([{ option: 'privateKey', change: 'literal_newlines_replaced' }]);
  });

  it('is accepted with \\r\\n escapes and when encrypted, with its passphrase', () => {
    const crlf = keys.pkcs1.replace(/\n/g, '\\r\\n');
    expect(new JwtBearerStrategy({ ...config, privateKey: crlf }).username).toBe(config.username);
    const encrypted = keys.encrypted.replace(/\n/g, '\\n');
    const strategy = new JwtBearerStrategy({
      ...config,
      privateKey: encrypted,
      passphrase: 'correct horse',
    });
    expect(strategy.username).toBe(config.username);
  });

  it('is refused as before when still malformed after the newlines are restored', () => {
    const lines = keys.pkcs8.split('\n');
    const truncated = lines.slice(0, 8).join('\\n');
    const error = thrown(() => new JwtBearerStrategy({ ...config, privateKey: truncated }));
    expect(error.code).toBe('invalid_config');
    expect(error.hint).toContain('literal \\n');
  });
});

describe('refresh() given something other than the rejected access token string', () => {
  it.each([
    ['the token object', async (strategy: JwtBearerStrategy) => strategy.getToken()],
    ['null', async () => null],
    ['a number', async () => 42],
  ])('%s fails with invalid_argument instead of returning the dead token', async (_name, make) => {
    tokenEndpoint('https://login.salesforce.com', okToken);
    const strategy = new JwtBearerStrategy(config);
    const argument = (await make(strategy)) as unknown as string;
    const error = await strategy.refresh(argument).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(SalesforceAuthError.isInstance(error)).toBe(true);
    expect((error as SalesforceAuthError).code).toBe('invalid_argument');
  });
});

/** Runs `body` with Object.prototype polluted the way an attacker would, then restores it. */
async function polluted<T>(body: () => Promise<T>): Promise<T> {
  const prototype = Object.prototype as Record<string, unknown>;
  prototype.loginUrl = 'https://attacker.example.com';
  prototype.trustedHosts = ['attacker.example.com'];
  try {
    return await body();
  } finally {
    delete prototype.loginUrl;
    delete prototype.trustedHosts;
  }
}

const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (caught: unknown) => caught as SalesforceAuthError,
  );

describe('options are read as own properties only', () => {
  it('ignores loginUrl and trustedHosts from a polluted Object.prototype', async () => {
    // The real login host answers with an instance_url on the attacker's host.
    tokenEndpoint('https://login.salesforce.com', () =>
      HttpResponse.json(tokenBody('https://attacker.example.com')),
    );
    const { loginUrl, error } = await polluted(async () => {
      const strategy = new JwtBearerStrategy({ ...config });
      return { loginUrl: strategy.loginUrl, error: await failureOf(strategy.getToken()) };
    });
    expect(loginUrl).toBe('https://login.salesforce.com');
    expect(error?.code).toBe('untrusted_instance_url');
  });

  it('ignores them in exchangeAssertion options too', async () => {
    tokenEndpoint('https://login.salesforce.com', () =>
      HttpResponse.json(tokenBody('https://attacker.example.com')),
    );
    const error = await polluted(() =>
      failureOf(
        exchangeAssertion('a.b.c', { loginUrl: 'https://login.salesforce.com', retry: false }),
      ),
    );
    expect(error?.code).toBe('untrusted_instance_url');
  });
});
