import { PassThrough } from 'node:stream';
import { isJwtAccessToken, SalesforceAuthError } from '@sf-jwt/core';
import type { Connection } from 'jsforce';
import { MetadataApi } from 'jsforce/lib/api/metadata.js';
import { SoapApi } from 'jsforce/lib/api/soap.js';
import { StreamPromise } from 'jsforce/lib/util/promise.js';

/** SOAP, Metadata and Bulk API 1.0 accept JWT-based access tokens from this API version. */
const JWT_TOKEN_MIN_VERSION = 68;
const REFUSING_API = /\/services\/(Soap\/([a-zA-Z])|async)\/v?(\d+(?:\.\d+)?)(?:[/?]|$)/;
const API_NAMES: Record<string, string> = { m: 'Metadata API', async: 'Bulk API 1.0' };

/**
 * The typed error for a request that would carry a JWT-based access token to an API that refuses
 * it (SOAP, Metadata, Bulk API 1.0 below v68.0), or undefined when the request may go. Salesforce
 * would answer such a request with the invalid-session fault, which looks like an expiry: a
 * refresh brings another JWT-based token and the same fault, so the request is refused before
 * it is sent, and before any token exchange.
 */
export function jwtTokenRefusal(
  accessToken: string | null | undefined,
  url: string | undefined,
): SalesforceAuthError | undefined {
  const match = url ? REFUSING_API.exec(url) : null;
  if (!match || !accessToken) return undefined;
  const version = Number.parseFloat(match[3]!);
  if (version >= JWT_TOKEN_MIN_VERSION || !isJwtAccessToken(accessToken)) return undefined;
  const api = API_NAMES[match[2] ?? match[1]!] ?? 'SOAP API';
  return new SalesforceAuthError({
    code: 'jwt_token_not_accepted',
    message: `The ${api} takes JWT-based access tokens only from v${JWT_TOKEN_MIN_VERSION}.0; this request is v${match[3]} and was not sent`,
  });
}

/** A rejected promise with the `stream()` jsforce's HTTP layer calls on a transport's answer. */
export function refusedRequest(error: SalesforceAuthError): PromiseLike<never> {
  return StreamPromise.create(() => ({
    stream: new PassThrough(),
    promise: Promise.reject(error),
  })) as PromiseLike<never>;
}

type Invoke = (this: { _conn: Connection }, ...args: unknown[]) => Promise<unknown>;
let installed = false;

/**
 * Makes jsforce's SOAP and Metadata clients refuse, with the typed error, a JWT-based token below
 * v68.0 on a connection the adapter heals (`isHealed`). jsforce's own check throws a plain Error
 * (3.10.17 and later below v68.0; 3.10.16 at every version) or, when its header test misses a
 * token, sends it and refreshes in a loop. Installed once on the two prototypes; connections the
 * adapter does not heal are left to jsforce.
 */
export function installJwtTokenGuard(isHealed: (conn: Connection) => boolean): void {
  if (installed) return;
  installed = true;
  for (const [api, proto] of [
    ['u', SoapApi.prototype],
    ['m', MetadataApi.prototype],
  ] as const) {
    const target = proto as unknown as { _invoke: Invoke };
    const original = target._invoke;
    target._invoke = function guardedInvoke(this: { _conn: Connection }, ...args: unknown[]) {
      const conn = this._conn;
      const refusal = isHealed(conn)
        ? jwtTokenRefusal(conn.accessToken, `/services/Soap/${api}/${conn.version}`)
        : undefined;
      return refusal ? Promise.reject(refusal) : original.apply(this, args);
    };
  }
}
