import { type InspectOptions, inspect } from 'node:util';
import type { Connection } from 'jsforce';

/**
 * What a connection handed out by sf-jwt shows when printed (`util.inspect`, `console.log`) or
 * serialised (`JSON.stringify`): where it points and as whom, never its access token.
 * @example
 * ```ts
 * console.log(JSON.stringify(conn));
 * // {"instanceUrl":"https://acme.my.salesforce.com","version":"62.0","userId":"005…","organizationId":"00D…"}
 * ```
 */
export interface ConnectionSummary {
  readonly instanceUrl: string;
  readonly version: string;
  /** The Salesforce user id the connection acts as (not the username). */
  readonly userId: string | undefined;
  readonly organizationId: string | undefined;
}

function summaryOf(conn: Connection): ConnectionSummary {
  return {
    instanceUrl: conn.instanceUrl,
    version: conn.version,
    userId: conn.userInfo?.id,
    organizationId: conn.userInfo?.organizationId,
  };
}

// Shared by every connection (no closure per connection, as for the healing functions).
function toJSON(this: Connection): ConnectionSummary {
  return summaryOf(this);
}

function inspectConnection(this: Connection, depth: number, options: InspectOptions): string {
  if (depth < 0) return '[Connection]';
  return `Connection ${inspect(summaryOf(this), { ...options, depth: 1 })}`;
}

/**
 * Makes `util.inspect(conn)` and `JSON.stringify(conn)` show the {@link ConnectionSummary}
 * instead of jsforce's fields (which hold the access token). Non-enumerable, so spreading or
 * iterating the connection is unchanged.
 */
export function printSafely(conn: Connection): void {
  for (const [key, value] of [
    [inspect.custom, inspectConnection],
    ['toJSON', toJSON],
  ] as const) {
    Object.defineProperty(conn, key, { value, configurable: true, writable: true });
  }
}
