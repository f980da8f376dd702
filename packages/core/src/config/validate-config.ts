import {
  isLoopbackHost,
  PRODUCTION_LOGIN_URL,
  SANDBOX_LOGIN_URL,
} from '../audience/login-hosts.js';
import { SalesforceAuthError } from '../errors/salesforce-auth-error.js';
import { KeyFileSource } from '../key/key-file-source.js';
import { fixedKeySource, type KeySource } from '../key/key-source.js';
import { loadPrivateKey } from '../key/load-private-key.js';
import { resolveRefreshWindow } from '../strategy/proactive-refresh.js';
import type { TokenStore } from '../types.js';
import type { AssertionSigner, ExchangeSettings, JwtBearerConfig } from './jwt-bearer-config.js';
import { type ResolvedLoginBudget, resolveLoginBudget } from './login-budget.js';
import { ownOptions } from './own-options.js';

/**
 * An input sf-jwt accepted after rewriting it to the form Salesforce needs; announced by the
 * strategy's `normalised` event. Holds no secret.
 */
export interface ConfigNormalisation {
  /** The option rewritten. */
  readonly option: 'loginUrl' | 'privateKey';
  /**
   * `token_path_removed`: the login URL ended in `/services/oauth2/token`, which was removed;
   * `literal_newlines_replaced`: the PEM held literal `\n` (as in an environment variable).
   */
  readonly change: 'token_path_removed' | 'literal_newlines_replaced';
}

/**
 * A config after validation: URLs normalised, the key parsed once, defaults filled in. The one
 * shape the assertion, the strategy and the exchange read (never the raw options).
 * @inline
 */
export interface ResolvedConfig extends ExchangeSettings {
  readonly clientId: string;
  readonly username: string;
  readonly loginUrl: string;
  readonly sandbox: boolean;
  readonly audience: string | undefined;
  readonly lifetimeSeconds: number;
  /** The key in use (a `privateKeyFile` follows rotation); undefined with a signer. */
  readonly keySource: KeySource | undefined;
  readonly signer: AssertionSigner | undefined;
  readonly now: () => number;
  /** The clock every duration is measured with (windows, cooldowns, token age). */
  readonly monotonicNow: () => number;
  readonly store: TokenStore | undefined;
  readonly maxTokenAgeMs: number | undefined;
  /** The refresh window before a known expiry, in ms (0: off). */
  readonly refreshBeforeExpiryMs: number;
  /** The login budget with every default filled in. */
  readonly loginBudget: ResolvedLoginBudget;
  /** Inputs accepted after a rewrite (see {@link ConfigNormalisation}). */
  readonly normalisations: readonly ConfigNormalisation[];
}

const MAX_TEXT = 1024;

const invalid = (message: string, hint: string) =>
  new SalesforceAuthError({ code: 'invalid_config', message, hint });

/** Checks a {@link JwtBearerConfig} up front so a bad one fails at start-up, not at first use. */
export function validateConfig(options: JwtBearerConfig): ResolvedConfig {
  if (typeof options !== 'object' || options === null) {
    throw invalid('config is not an object', 'Pass { clientId, username, privateKey }.');
  }
  // Own properties only: an option inherited from a polluted Object.prototype is not an option.
  const config = ownOptions(options);
  const normalisations: ConfigNormalisation[] = [];
  const note = (normalisation: ConfigNormalisation) => normalisations.push(normalisation);
  const clientId = requireText(
    config.clientId,
    'clientId',
    'the Consumer Key of the connected app',
  );
  const username = validateUsername(config.username);
  const loginUrl = normaliseLoginUrl(config.loginUrl, config.sandbox === true, note);
  const lifetimeSeconds = config.lifetimeSeconds ?? 180;
  if (!Number.isInteger(lifetimeSeconds) || lifetimeSeconds < 1 || lifetimeSeconds > 300) {
    throw invalid(
      `lifetimeSeconds is ${String(lifetimeSeconds)}`,
      'Use a whole number of seconds from 1 to 300; Salesforce wants assertions that expire within 3 minutes (180 is the default).',
    );
  }
  const audience = normaliseAudience(config.audience);
  if (config.signer !== undefined && typeof config.signer !== 'function') {
    throw invalid(
      'signer is not a function',
      'Pass an async function (signingInput) => signature.',
    );
  }
  checkPositive(
    config.maxTokenAgeMs,
    'maxTokenAgeMs',
    'a token age in ms, e.g. 1800000 for 30 minutes',
  );
  const budget = ownOptions(config.loginBudget ?? {});
  checkPositive(
    budget.maxLoginsPerHour,
    'loginBudget.maxLoginsPerHour',
    'a whole number, e.g. 300',
  );
  checkPositive(
    budget.maxRejectedRefreshesPerMinute,
    'loginBudget.maxRejectedRefreshesPerMinute',
    'a whole number, e.g. 10',
  );
  for (const name of [
    'rejectedRefreshCooldownMs',
    'suspectBackoffMs',
    'maxSuspectBackoffMs',
    'failureBackoffMs',
    'maxFailureBackoffMs',
  ] as const) {
    checkPositive(budget[name], `loginBudget.${name}`, 'ms');
  }
  if (config.monotonicNow !== undefined && typeof config.monotonicNow !== 'function') {
    throw invalid('monotonicNow is not a function', 'Pass () => performance.now(), or omit it.');
  }
  checkPositive(config.keyCheckIntervalMs, 'keyCheckIntervalMs', 'ms, e.g. 5000');
  const keySource = config.signer
    ? undefined
    : resolveKeySource(config, () =>
        note({ option: 'privateKey', change: 'literal_newlines_replaced' }),
      );
  const loginBudget = resolveLoginBudget(budget);
  const now = config.now ?? Date.now;
  return {
    clientId,
    username,
    loginUrl,
    sandbox: config.sandbox === true,
    audience,
    lifetimeSeconds,
    keySource,
    signer: config.signer,
    fetch: config.fetch,
    timeoutMs: config.timeoutMs,
    retry: ownOptions(config.retry),
    trustedHosts: config.trustedHosts,
    now,
    // A test's fake clock moves durations too; otherwise a clock that never jumps.
    monotonicNow: config.monotonicNow ?? (config.now ? now : () => performance.now()),
    store: config.store,
    maxTokenAgeMs: config.maxTokenAgeMs,
    refreshBeforeExpiryMs: resolveRefreshWindow(config.refreshBeforeExpiryMs),
    loginBudget,
    normalisations,
  };
}

function resolveKeySource(config: JwtBearerConfig, onNewlinesReplaced: () => void): KeySource {
  if (
    config.privateKey !== undefined ||
    typeof config.privateKeyFile !== 'string' ||
    config.privateKeyFile.trim() === ''
  ) {
    return fixedKeySource(loadPrivateKey(config, onNewlinesReplaced));
  }
  return new KeyFileSource({
    path: config.privateKeyFile,
    passphrase: config.passphrase,
    strict: config.strictKeyPermissions === true,
    logger: config.logger,
    monotonicNow: config.monotonicNow ?? (() => performance.now()),
    checkIntervalMs: config.keyCheckIntervalMs ?? 5000,
  });
}

/** The username (`sub`) checked on its own, for a strategy that shares a validated config. */
export function validateUsername(value: unknown): string {
  const username = requireText(value, 'username', 'the Salesforce username to act as');
  if (/\s/.test(username)) {
    throw invalid('username contains white space', 'Check the username: no spaces or newlines.');
  }
  return username;
}

function checkPositive(value: unknown, name: string, what: string): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw invalid(`${name} is ${String(value)}`, `Set ${name} to a positive number (${what}).`);
  }
}

function requireText(value: unknown, name: string, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw invalid(`${name} is ${describe(value)}`, `Set ${name} to ${what}.`);
  }
  if (value.length > MAX_TEXT) {
    throw invalid(`${name} is ${value.length} characters long`, `Set ${name} to ${what}.`);
  }
  if (value !== value.trim()) {
    throw invalid(`${name} has leading or trailing white space`, `Trim ${name}.`);
  }
  return value;
}

function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === '') return 'empty';
  return typeof value === 'string' ? 'blank' : `a ${value === null ? 'null' : typeof value}`;
}

/** The token endpoint's path, which many guides and hand-written clients store with the host. */
const TOKEN_PATH = /\/services\/oauth2\/token\/*$/i;

function normaliseLoginUrl(
  value: unknown,
  sandbox: boolean,
  note: (normalisation: ConfigNormalisation) => void,
): string {
  if (value === undefined) return sandbox ? SANDBOX_LOGIN_URL : PRODUCTION_LOGIN_URL;
  const url = parseUrl(value, 'loginUrl');
  if (TOKEN_PATH.test(url.pathname)) {
    url.pathname = url.pathname.replace(TOKEN_PATH, '') || '/';
    note({ option: 'loginUrl', change: 'token_path_removed' });
  }
  if (url.pathname !== '/' && !/\.(my\.site\.com|force\.com|site\.com)$/i.test(url.hostname)) {
    if (!isLoopbackHost(url.hostname)) {
      throw invalid(
        `loginUrl has a path (${url.pathname})`,
        'Give only the origin, e.g. https://login.salesforce.com or https://acme.my.salesforce.com; a path is only for Experience Cloud site URLs.',
      );
    }
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function normaliseAudience(value: unknown): string | undefined {
  if (value === undefined || value === 'my-domain') return value;
  const url = parseUrl(value, 'audience');
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function parseUrl(value: unknown, name: string): URL {
  if (typeof value !== 'string' || value.trim() === '' || value.length > MAX_TEXT) {
    throw invalid(`${name} is ${describe(value)}`, `Set ${name} to an https URL.`);
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid(
      `${name} is not a URL`,
      `Set ${name} to an https URL such as https://login.salesforce.com.`,
    );
  }
  if (url.username || url.password) {
    throw invalid(`${name} contains credentials`, `Remove the user:password@ part of ${name}.`);
  }
  if (url.search || url.hash) {
    throw invalid(
      `${name} has a query or fragment`,
      `Remove the ?query and #fragment from ${name}.`,
    );
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw invalid(
      `${name} uses http`,
      `Use https: the assertion and the token must never cross the network in clear (http is only allowed on loopback, for the emulator).`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw invalid(`${name} uses ${url.protocol}`, `Set ${name} to an https URL.`);
  }
  return url;
}
