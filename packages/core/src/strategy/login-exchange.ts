import { signAssertion } from '../assertion/sign-assertion.js';
import { audienceCandidates } from '../audience/audience-candidates.js';
import { exchangeWithAudiences } from '../audience/exchange-with-audiences.js';
import { warnToPinAudience } from '../audience/pin-audience-warning.js';
import { RETRY_DEFAULTS } from '../config/defaults.js';
import type { ResolvedConfig } from '../config/validate-config.js';
import { SalesforceAuthError } from '../errors/salesforce-auth-error.js';
import { exchangeAssertion } from '../exchange/exchange-assertion.js';
import type { SalesforceToken, StoredToken } from '../types.js';
import type { HeldToken } from './held-token.js';
import type { Admission, ExchangeKind, LoginPolicy, Refusal } from './login-policy.js';
import { adoptSharedFailure, shareFailure } from './store-protocol.js';
import type { StrategyEmitter } from './strategy-events.js';

/** What one login needs from its strategy (internal): options, identity, policy and events. */
export interface LoginContext {
  readonly config: ResolvedConfig;
  readonly username: string;
  readonly cacheKey: string;
  readonly policy: LoginPolicy;
  /** Its audience, once known, skips discovery. */
  readonly held: HeldToken;
  /** The strategy: where events are emitted. */
  readonly events: StrategyEmitter;
}

/** Reports a refusal (`loginRefused`) and throws its error; does nothing without one. */
export function refuse(
  events: StrategyEmitter,
  refusal: Refusal | undefined,
  kind?: ExchangeKind,
): void {
  if (!refusal) return;
  const { error, reason } = refusal;
  const retryAfterMs = error.retryAfterMs ?? 0;
  events.emit('loginRefused', {
    reason,
    code: error.code,
    retryAfterMs,
    ...(kind ? { kind } : {}),
  });
  throw error;
}

/**
 * One login: admitted by the login policy, the assertion signed and exchanged for each audience
 * candidate in turn, then settled with the policy (a failure shared through the store).
 */
export async function login(
  context: LoginContext,
  kind: ExchangeKind,
  signal: AbortSignal,
): Promise<StoredToken> {
  const { config, cacheKey, policy } = context;
  // Admitted, then settled: the policy is asked once before and told once after each exchange.
  await adoptSharedFailure(config, cacheKey, policy);
  const admitted = policy.admit(kind);
  if ('error' in admitted) refuse(context.events, admitted, kind);
  const admission = admitted as Admission;
  const sent = { attempts: 0 };
  const known = context.held.audience;
  const candidates = known ? [known] : audienceCandidates(config);
  try {
    const { token, audience } = await exchangeWithAudiences(candidates, (aud) =>
      exchangeFor(context, aud, signal, admission, sent),
    );
    if (policy.settle(sent.attempts) === null) await shareFailure(config, cacheKey, undefined);
    if (audience !== candidates[0] && !config.store) warnToPinAudience(audience, config.loginUrl);
    // A literal of fixed shape: a spread with optional parts can leave the held object in
    // V8's slow dictionary mode, about 400 bytes more per user (bench/pool.ts).
    return {
      token,
      audience,
      cacheKey,
      suspectStreak: admission.suspectStreak,
      expiresInMs: config.maxTokenAgeMs,
    };
  } catch (error) {
    // Shared before the store's exchange lock is released, so the process that takes the
    // lock next finds it and does not log in (one failed login per window for the fleet).
    const failure = policy.settle(sent.attempts, error);
    if (failure) await shareFailure(config, cacheKey, failure);
    throw error;
  }
}

async function exchangeFor(
  context: LoginContext,
  audience: string,
  signal: AbortSignal,
  admission: Admission,
  sent: { attempts: number },
): Promise<SalesforceToken> {
  const { config, events } = context;
  const { kind } = admission;
  // The hourly ceiling caps this exchange's requests up front (retries included): the retry
  // loop never calls back into the policy.
  const room = admission.maxAttempts - sent.attempts;
  if (room <= 0) throw ceilingReached();
  let assertion: string;
  try {
    assertion = await signAssertion(config, context.username, audience, config.now());
  } catch (cause) {
    // A signer package reports its own typed failure (signer_unavailable, signer_denied).
    if (SalesforceAuthError.isInstance(cause)) throw cause;
    throw new SalesforceAuthError({
      code: 'invalid_config',
      message: 'The assertion could not be signed',
      hint: 'Check the signer (KMS/HSM) is reachable and returns an RS256 signature.',
      cause,
    });
  }
  const baseFetch = config.fetch ?? globalThis.fetch;
  // Every token request is a login: each is counted and reported.
  const countedFetch: typeof fetch = (input, init) => {
    sent.attempts += 1;
    events.emit('loginAttempt', { audience, kind });
    return baseFetch(input, init);
  };
  const retries = config.retry === false ? 0 : (config.retry?.retries ?? RETRY_DEFAULTS.retries);
  const startedAt = config.monotonicNow();
  try {
    const token = await exchangeAssertion(assertion, {
      loginUrl: config.loginUrl,
      now: config.now,
      fetch: countedFetch,
      signal,
      timeoutMs: config.timeoutMs,
      retry: { ...(config.retry || {}), retries: Math.min(retries, room - 1) },
      trustedHosts: config.trustedHosts,
    });
    const ms = config.monotonicNow() - startedAt;
    events.emit('loginResult', { audience, ok: true, ms, kind });
    return token;
  } catch (error) {
    const code = SalesforceAuthError.isInstance(error) ? error.code : 'unknown_error';
    if (code !== 'login_budget_exhausted' && code !== 'aborted') {
      const ms = config.monotonicNow() - startedAt;
      const skew = SalesforceAuthError.isInstance(error) ? error.clockSkewMs : undefined;
      const clockSkewMs = skew === undefined ? {} : { clockSkewMs: skew };
      events.emit('loginResult', { audience, ok: false, code, ms, kind, ...clockSkewMs });
    }
    throw error;
  }
}

const ceilingReached = () =>
  new SalesforceAuthError({
    code: 'login_budget_exhausted',
    message: 'sf-jwt refused to log in: the hourly login ceiling was reached during this exchange',
  });
