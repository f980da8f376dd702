import type { AuthStrategy, SalesforceToken } from '@sf-jwt/core';
import { SalesforceAuthError } from '@sf-jwt/core';
import type { Connection, ConnectionConfig } from 'jsforce';
import { userInfoOf } from './establish-session.js';
import { RefreshGuard, type RefreshGuardOptions } from './refresh-guard.js';

// The parts of jsforce's Connection this adapter reaches into: its transport (to see which
// token a successful response used) and its refresh delegate (to hand callers the typed error
// instead of jsforce's re-wrapped "Unable to refresh session due to: ..."). Both exist, with the
// same shape, in every jsforce 3 release tested (3.10.16 to 3.10.26).
interface ConnectionInternals {
  _transport?: { httpRequest: (...args: unknown[]) => PromiseLike<{ statusCode?: number }> };
  _refreshDelegate?: { refresh: (since: number) => Promise<void> };
}

const HEALED = Symbol.for('sf-jwt.jsforce-adapter.healed');
const HEALING = Symbol.for('sf-jwt.jsforce-adapter.healing');

/** The connection's healing, for clients jsforce does not refresh itself (Streaming). */
export interface ConnectionHealing {
  /** A token to replace one Salesforce rejected, through the strategy and the loop guard. */
  refresh(rejectedAccessToken: string | undefined): Promise<SalesforceToken>;
  /** A call made with this token outside jsforce's transport succeeded. */
  succeeded(accessToken: string | undefined): void;
}

/** The healing {@link createHealing} installed on a connection, if any. */
export function healingOf(conn: Connection): ConnectionHealing | undefined {
  return (conn as unknown as { [HEALING]?: ConnectionHealing })[HEALING];
}

/** Builds the jsforce refreshFn and the hooks that keep it from looping. */
export function createHealing(strategy: AuthStrategy, options: RefreshGuardOptions = {}) {
  const guard = new RefreshGuard(options);
  let lastError: SalesforceAuthError | undefined;

  const refresh = async (
    conn: Connection,
    rejected = conn.accessToken ?? undefined,
  ): Promise<SalesforceToken> => {
    guard.check(rejected);
    const token = await strategy.refresh(rejected);
    // The retried request keeps its absolute URL; later requests use the new instance.
    if (token.instanceUrl !== conn.instanceUrl) conn.instanceUrl = token.instanceUrl;
    conn.userInfo = userInfoOf(token);
    guard.issued(token.accessToken);
    return token;
  };

  const refreshFn: NonNullable<ConnectionConfig['refreshFn']> = (conn, callback) => {
    lastError = undefined;
    refresh(conn as unknown as Connection).then(
      (token) =>
        callback(null, token.accessToken, {
          access_token: token.accessToken,
          instance_url: token.instanceUrl,
          id: token.id,
          token_type: token.tokenType,
        } as never),
      (error: unknown) => {
        lastError = SalesforceAuthError.isInstance(error)
          ? error
          : new SalesforceAuthError({ code: 'unknown_error', cause: error });
        callback(lastError);
      },
    );
  };

  /** Hooks the connection's transport and refresh delegate (idempotent). */
  const hook = (conn: Connection): void => {
    const internals = conn as unknown as ConnectionInternals & {
      [HEALED]?: true;
      [HEALING]?: ConnectionHealing;
    };
    if (internals[HEALED]) return;
    internals[HEALED] = true;
    internals[HEALING] = {
      refresh: async (rejected) => {
        const token = await refresh(conn, rejected);
        conn.accessToken = token.accessToken;
        return token;
      },
      succeeded: (accessToken) => guard.succeeded(accessToken),
    };
    const transport = internals._transport;
    if (transport) {
      const httpRequest = transport.httpRequest.bind(transport);
      transport.httpRequest = (...args: unknown[]) => {
        const token = conn.accessToken ?? undefined;
        const pending = httpRequest(...args);
        pending.then(
          (response) => {
            if (response && (response.statusCode ?? 500) < 400) guard.succeeded(token);
          },
          () => {},
        );
        return pending;
      };
    }
    const delegate = internals._refreshDelegate;
    if (delegate) {
      const original = delegate.refresh.bind(delegate);
      delegate.refresh = async (since: number) => {
        try {
          await original(since);
        } catch (error) {
          throw lastError ?? error;
        }
      };
    }
  };

  return { refreshFn, hook };
}
