import { SalesforceAuthError } from '../errors/salesforce-auth-error.js';
import type { SalesforceToken, StoredToken } from '../types.js';
import { acceptStored } from './held-token.js';
import { type LoginContext, login, refuse } from './login-exchange.js';
import type { ExchangeKind } from './login-policy.js';
import { SharedFlight } from './shared-flight.js';
import { exchangeThroughStore, readStored } from './store-protocol.js';

/**
 * What the exchange path needs from its strategy (internal): made per exchange, never kept by an
 * idle strategy.
 */
export interface FlightContext extends LoginContext {
  /** Holds the token an exchange (or the store) gave, and tells it (`token`). */
  hold(stored: StoredToken, source: 'exchange' | 'store', exchangeMs?: number): void;
}

/**
 * Joins the exchange that runs now, or starts one (refused while a login failure is remembered):
 * however many callers ask, one exchange at a time.
 */
export function joinExchange(
  context: FlightContext,
  replacing: string | undefined,
  reason: ExchangeKind,
  signal?: AbortSignal,
): Promise<StoredToken> {
  let flight = context.held.flight;
  if (!flight) {
    refuse(context.events, context.policy.rememberedFailure());
    // Held only while an exchange runs: a pool's idle strategies carry no flight object.
    const created = new SharedFlight<StoredToken>(() => {
      if (context.held.flight === created) context.held.flight = undefined;
    });
    context.held.flight = flight = created;
  }
  const joined = flight.join(
    (flightSignal) => exchange(context, replacing, reason, flightSignal),
    signal,
  );
  // An already aborted caller starts nothing: no flight is left behind.
  if (!flight.active && context.held.flight === flight) context.held.flight = undefined;
  return joined;
}

/**
 * A new token (`refresh()`). Given the token a caller saw rejected, a different (newer) token held,
 * exchanged meanwhile or stored is returned as is; else, and for a forced refresh, one exchange.
 */
export async function replaceToken(
  context: FlightContext,
  rejectedAccessToken: string | undefined,
  signal: AbortSignal | undefined,
): Promise<SalesforceToken> {
  const { held } = context;
  if (rejectedAccessToken !== undefined) {
    let current = context.held.flight
      ? await context.held.flight.join(unreachable, signal).catch((error: unknown) => {
          if (signal?.aborted) throw error;
          return undefined;
        })
      : held.stored;
    if (!current || current.token.accessToken === rejectedAccessToken) {
      current = (await readStored(context)) ?? current;
    }
    if (current && current.token.accessToken !== rejectedAccessToken) {
      context.hold(current, 'store');
      return current.token;
    }
    // The policy judges the session being replaced: make it the held one (or an unknown one).
    if (current) context.hold(current, 'store');
    else if (held.stored) context.policy.received();
  }
  if (!context.held.flight)
    context.events.emit('refresh', { reason: rejectedAccessToken ? 'rejected' : 'forced' });
  // A forced refresh replaces whatever is held now: a shared store must not hand it back.
  const replacing =
    rejectedAccessToken ??
    held.stored?.token.accessToken ??
    (await readStored(context))?.token.accessToken;
  const reason = rejectedAccessToken ? 'rejected' : 'forced';
  return (await joinExchange(context, replacing, reason, signal)).token;
}

async function exchange(
  context: FlightContext,
  replacing: string | undefined,
  kind: ExchangeKind,
  signal: AbortSignal,
): Promise<StoredToken> {
  const { config, events } = context;
  const startedAt = config.monotonicNow();
  try {
    const { stored, exchanged } = await exchangeThroughStore(
      config,
      context.cacheKey,
      replacing,
      () => login(context, kind, signal),
      (value) => acceptStored(value, replacing, context),
    );
    const ms = config.monotonicNow() - startedAt;
    context.hold(stored, exchanged ? 'exchange' : 'store', ms);
    return stored;
  } catch (error) {
    const failure = SalesforceAuthError.isInstance(error)
      ? error
      : new SalesforceAuthError({ code: 'unknown_error', cause: error });
    if (events.listenerCount('error') > 0) events.emit('error', failure);
    throw failure;
  }
}

const unreachable = (): Promise<never> =>
  Promise.reject(new SalesforceAuthError({ code: 'unknown_error' }));
