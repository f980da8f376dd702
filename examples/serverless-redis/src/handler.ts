import { type JwtBearerConfig, JwtBearerStrategy } from '@sf-jwt/core';
import { createConnection } from '@sf-jwt/jsforce-adapter';
import { RedisTokenStore } from '@sf-jwt/redis-store';

/** The event and result of a function invocation (shaped like a Lambda / Cloud Function). */
export interface AccountsEvent {
  limit?: number;
}
export interface AccountsResult {
  statusCode: number;
  body: string;
}

/**
 * One function instance: what module scope holds between warm invocations (the store and the
 * strategy). Every instance shares the token through Redis, so a cold start costs no exchange
 * once any instance holds a token, and an expired session costs one exchange for the fleet.
 */
export function createHandler(config: JwtBearerConfig, redisUrl: string) {
  const store = new RedisTokenStore({ redis: redisUrl });
  const strategy = new JwtBearerStrategy({ ...config, store });
  const handler = async (event: AccountsEvent): Promise<AccountsResult> => {
    const conn = await createConnection(strategy);
    const limit = Math.min(Math.max(event.limit ?? 10, 1), 200);
    const { records } = await conn.query<{ Name: string }>(
      `SELECT Name FROM Account LIMIT ${limit}`,
    );
    return { statusCode: 200, body: JSON.stringify(records.map((record) => record.Name)) };
  };
  return { handler, close: () => store.close() };
}
