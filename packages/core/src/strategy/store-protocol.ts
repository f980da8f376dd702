import type { ResolvedConfig } from '../config/validate-config.js';
import type { StoredLoginFailure, StoredToken } from '../types.js';
import { acceptStored, checkStored, type StoredTokenContext } from './held-token.js';
import type { LoginPolicy } from './login-policy.js';

// How a strategy uses its TokenStore (the second tier): reads, one exchange for the fleet
// (exchangeOnce), and login failures shared between processes. A store that fails to answer is
// treated as empty: the held token still serves this process.

/**
 * The stored token this strategy may serve, or undefined (none, refused, or the store fails). The
 * audience Salesforce accepted outlives its token: it is kept from a token past its age too, so a
 * process that must exchange anyway (a serverless cold start) skips audience discovery.
 */
export async function readStored(context: StoredTokenContext): Promise<StoredToken | undefined> {
  const { config, cacheKey, held } = context;
  if (!config.store) return undefined;
  const value = await config.store.get(cacheKey).catch(() => undefined);
  const stored = acceptStored(value, undefined, context);
  const audience = (stored ?? checkStored(value, context))?.audience;
  if (audience !== undefined) held.audience = audience;
  return stored;
}

/**
 * Runs `exchange` once for the fleet when the store offers `exchangeOnce` (a value another
 * process stored meanwhile and `accept` takes is used instead), else runs it and stores the
 * result. `exchanged` tells whether this process logged in.
 */
export async function exchangeThroughStore(
  config: ResolvedConfig,
  cacheKey: string,
  replacing: string | undefined,
  exchange: () => Promise<StoredToken>,
  accept: (value: unknown) => StoredToken | undefined,
): Promise<{ stored: StoredToken; exchanged: boolean }> {
  let exchanged = false;
  const counted = () => {
    exchanged = true;
    return exchange();
  };
  let stored: StoredToken;
  if (config.store?.exchangeOnce) {
    stored = await config.store.exchangeOnce(cacheKey, {
      ...(replacing === undefined ? {} : { rejectedAccessToken: replacing }),
      exchange: counted,
      accept,
    });
    // A store that ignores `accept` may hand back anything: check it, replace it once.
    if (!exchanged && !accept(stored)) stored = await counted();
  } else {
    stored = await counted();
    await config.store?.set(cacheKey, stored).catch(() => {});
  }
  return { stored, exchanged };
}

/** Takes on a login failure another process shared through the store. */
export async function adoptSharedFailure(
  config: ResolvedConfig,
  cacheKey: string,
  policy: LoginPolicy,
): Promise<void> {
  const store = config.store;
  if (!store?.getLoginFailure) return;
  policy.adopt(await store.getLoginFailure(cacheKey).catch(() => undefined));
}

/** Shares a login failure (or its end, `undefined`) with the other processes. */
export async function shareFailure(
  config: ResolvedConfig,
  cacheKey: string,
  failure: StoredLoginFailure | undefined,
): Promise<void> {
  await config.store?.setLoginFailure?.(cacheKey, failure).catch(() => {});
}
