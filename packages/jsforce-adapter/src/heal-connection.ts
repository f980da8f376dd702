import type { AuthStrategy, SalesforceToken } from '@sf-jwt/core';
import { SalesforceAuthError } from '@sf-jwt/core';
import type { Connection, ConnectionConfig, Schema } from 'jsforce';
import { SessionRefreshDelegate } from 'jsforce/lib/session-refresh-delegate.js';
import { socketsReleased } from './after-socket-release.js';
import { installJwtTokenGuard, jwtTokenRefusal, refusedRequest } from './jwt-token-guard.js';
import { RefreshGuard, type RefreshGuardOptions } from './refresh-guard.js';
import { userInfoOf } from './user-info-of.js';

// The parts of jsforce's Connection this adapter reaches into: its transport (to see which
// token a successful response used) and its refresh delegate (to hand callers the typed error
// instead of jsforce's re-wrapped "Unable to refresh session due to: ..."). Both exist, with the
// same shape, in every jsforce 3 release tested (3.10.16 to 3.10.26).
type HttpRequest = (...args: unknown[]) => PromiseLike<{ statusCode?: number }>;
interface ConnectionInternals {
  _transport?: { httpRequest: HttpRequest; [HEALING]?: Healing };
  _refreshDelegate?: unknown;
  [HEALING]?: Healing;
}

const HEALING = Symbol.for('sf-jwt.jsforce-adapter.healing');

/** The connection's healing, for clients jsforce does not refresh itself (Streaming) and logout. */
export interface ConnectionHealing {
  readonly strategy: AuthStrategy;
  /** Where `logout()` revokes the token. */
  readonly loginUrl: string;
  /** A token to replace one Salesforce rejected, through the strategy and the loop guard. */
  refresh(rejectedAccessToken: string | undefined): Promise<SalesforceToken>;
  /** A call made with this token outside jsforce's transport succeeded. */
  succeeded(accessToken: string | undefined): void;
}

/*
 * One small object per connection: the strategy, the loop guard, the last refresh error and the
 * transport's own request method. The functions jsforce calls (refreshFn, the transport's
 * httpRequest, the delegate's refresh) are shared by every connection and find this object
 * through the connection, so a pool of 10,000 connections holds no closure per connection.
 */
class Healing implements ConnectionHealing {
  readonly guard: RefreshGuard;
  lastError: SalesforceAuthError | undefined;
  transportRequest: HttpRequest | undefined;
  /** The token already reported as served: later requests with it skip the bookkeeping. */
  served: string | undefined;

  constructor(
    readonly conn: Connection,
    readonly strategy: AuthStrategy,
    readonly loginUrl: string,
    options: RefreshGuardOptions,
  ) {
    this.guard = new RefreshGuard(strategy, options);
  }

  /** A token for the rejected one (the connection's own by default), within the login policy. */
  async renew(rejected = this.conn.accessToken ?? undefined): Promise<SalesforceToken> {
    const token = await this.guard.refresh(rejected);
    this.served = undefined; // a token handed back again is reported again
    // The retried request keeps its absolute URL; later requests use the new instance.
    if (token.instanceUrl !== this.conn.instanceUrl) this.conn.instanceUrl = token.instanceUrl;
    this.conn.userInfo = userInfoOf(token);
    return token;
  }

  async refresh(rejected: string | undefined): Promise<SalesforceToken> {
    const token = await this.renew(rejected);
    this.conn.accessToken = token.accessToken;
    return token;
  }

  succeeded(accessToken: string | undefined): void {
    this.guard.succeeded(accessToken);
  }
}

/** The healing {@link healConnection} installed on a connection, if any. */
export function healingOf(conn: Connection): ConnectionHealing | undefined {
  return (conn as unknown as ConnectionInternals)[HEALING];
}

/** What {@link healConnection} needs besides the connection. */
export interface HealOptions extends RefreshGuardOptions {
  strategy: AuthStrategy;
  /** Where `logout()` revokes the token. */
  loginUrl: string;
}

/**
 * Makes the connection refresh itself through the strategy when Salesforce rejects its session,
 * without loops. Replaces any refresh delegate jsforce built; healing a connection again (a
 * second attach) replaces its strategy and wraps its transport only once.
 */
export function healConnection(conn: Connection, options: HealOptions): void {
  installJwtTokenGuard((healed) => healingOf(healed) !== undefined);
  const internals = conn as unknown as ConnectionInternals;
  const { strategy, loginUrl, ...guardOptions } = options;
  const healing = new Healing(conn, strategy, loginUrl, guardOptions);
  internals[HEALING] = healing;
  internals._refreshDelegate = new HealingRefreshDelegate(conn, healingRefreshFn);
  const transport = internals._transport;
  if (transport) {
    const previous = transport[HEALING];
    healing.transportRequest = previous ? previous.transportRequest : transport.httpRequest;
    transport[HEALING] = healing;
    transport.httpRequest = observedHttpRequest;
  }
}

const healingRefreshFn: NonNullable<ConnectionConfig['refreshFn']> = (conn, callback) => {
  const healing = (conn as unknown as ConnectionInternals)[HEALING]!;
  healing.lastError = undefined;
  healing.renew().then(
    (token) =>
      callback(null, token.accessToken, {
        access_token: token.accessToken,
        instance_url: token.instanceUrl,
        id: token.id,
        token_type: token.tokenType,
      } as never),
    (error: unknown) => {
      healing.lastError = SalesforceAuthError.isInstance(error)
        ? error
        : new SalesforceAuthError({ code: 'unknown_error', cause: error });
      callback(healing.lastError);
    },
  );
};

// Marks the token a successful response used as proven (see RefreshGuard), once per token: a
// session stays proven while it is held, so a storm's thousands of calls add no promise each.
function observedHttpRequest(
  this: { [HEALING]: Healing },
  ...args: unknown[]
): PromiseLike<{ statusCode?: number }> {
  const healing = this[HEALING];
  const token = healing.conn.accessToken ?? undefined;
  // Bulk API 1.0 (and SOAP sent by hand) with a JWT-based token below v68.0: not sent.
  const refusal = jwtTokenRefusal(token, (args[0] as { url?: string } | undefined)?.url);
  if (refusal) return refusedRequest(refusal);
  const pending = healing.transportRequest!.apply(this, args);
  if (token === undefined || token === healing.served) return pending;
  pending.then(
    (response) => {
      if (!response || (response.statusCode ?? 500) >= 400 || healing.served === token) return;
      healing.served = token;
      healing.guard.succeeded(token);
    },
    () => {},
  );
  return pending;
}

/*
 * jsforce's delegate, throwing the typed error the refresh failed with, and treating a failed
 * refresh as no refresh. jsforce stamps `_lastRefreshedAt` after a failure too, so every request
 * rejected before it whose 401 arrives later is sent again with the same rejected token: one
 * more 401 each, and a new refresh whose failure frees the next ones (measured: 50 concurrent
 * queries sent 1,166 requests while the login policy refused the refresh). Unstamped, each such
 * request asks for a refresh instead, and the login policy answers: a refusal at once (no
 * request sent), or one exchange shared by every caller.
 */
class HealingRefreshDelegate extends SessionRefreshDelegate<Schema> {
  override async refresh(since: number): Promise<void> {
    const internals = this as unknown as { _conn: ConnectionInternals; _lastRefreshedAt?: number };
    const refreshedAt = internals._lastRefreshedAt;
    try {
      await super.refresh(since);
    } catch (error) {
      internals._lastRefreshedAt = refreshedAt;
      throw internals._conn[HEALING]?.lastError ?? error;
    }
    await socketsReleased(); // the rejected call goes again on a socket it can reuse
  }

  // A call made while the refresh was under way goes once sockets can be reused, too.
  override async waitRefresh(): Promise<void> {
    await super.waitRefresh();
    await socketsReleased();
  }
}
