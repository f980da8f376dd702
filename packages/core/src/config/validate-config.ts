import type { KeySource } from '../key/key-source.js';
import { resolveKeySource } from '../key/resolve-key-source.js';
import { resolveRefreshWindow } from '../strategy/proactive-refresh.js';
import type { TokenStore } from '../types.js';
import { checkPositive, invalid, requireText } from './config-checks.js';
import type { ConfigNormalisation } from './config-normalisation.js';
import { ASSERTION_LIFETIME_SECONDS } from './defaults.js';
import type { AssertionSigner, ExchangeSettings, JwtBearerConfig } from './jwt-bearer-config.js';
import { type ResolvedLoginBudget, resolveLoginBudget } from './login-budget.js';
import { normaliseAudience, normaliseLoginUrl } from './normalise-urls.js';
import { ownOptions } from './own-options.js';

export type { ConfigNormalisation } from './config-normalisation.js';

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
  const lifetimeSeconds = config.lifetimeSeconds ?? ASSERTION_LIFETIME_SECONDS;
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

/** The username (`sub`) checked on its own, for a strategy that shares a validated config. */
export function validateUsername(value: unknown): string {
  const username = requireText(value, 'username', 'the Salesforce username to act as');
  if (/\s/.test(username)) {
    throw invalid('username contains white space', 'Check the username: no spaces or newlines.');
  }
  return username;
}
