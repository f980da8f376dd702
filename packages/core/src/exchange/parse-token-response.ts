import { readJwtAccessToken } from '../access-token/jwt-access-token.js';
import { codeForOAuthError } from '../errors/oauth-error-codes.js';
import { SalesforceAuthError } from '../errors/salesforce-auth-error.js';
import type { SalesforceToken } from '../types.js';
import { identityIds } from './identity-url.js';
import { isTrustedSalesforceUrl } from './trusted-hosts.js';

interface ParseContext {
  readonly status: number;
  readonly issuedAt: number;
  readonly trustedHosts?: readonly string[];
  /** Loopback instance and identity URLs are trusted only for a loopback login URL. */
  readonly allowLoopback?: boolean;
}

/** Turns a token-endpoint answer into a token or the error that explains it. */
export function parseTokenResponse(
  text: string | undefined,
  context: ParseContext,
): SalesforceToken {
  const { status } = context;
  if (text === undefined) {
    throw invalidResponse(
      status,
      `The token endpoint answered HTTP ${status} with an oversized body`,
    );
  }
  const body = parseJson(text);
  if (status === 429)
    throw new SalesforceAuthError({ code: 'rate_limited', status, response: text });
  if (status >= 500)
    throw new SalesforceAuthError({ code: 'server_error', status, response: text });
  if (body === undefined) {
    throw new SalesforceAuthError({
      code: 'invalid_response',
      status,
      message: `The token endpoint answered HTTP ${status} with a body that is not a JSON object`,
      // A page that is not JSON at all (HTML maintenance, proxy) is worth another try; JSON of the
      // wrong shape is not.
      retryable: status < 400 && !looksLikeJson(text),
      response: text,
    });
  }
  if (status !== 200 || typeof body.error === 'string') return throwOAuthError(body, status, text);
  return toToken(body, context, text);
}

function looksLikeJson(text: string): boolean {
  return /^\s*[[{"]/.test(text);
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function throwOAuthError(body: Record<string, unknown>, status: number, text: string): never {
  const error = typeof body.error === 'string' ? body.error.slice(0, 200) : undefined;
  const description =
    typeof body.error_description === 'string' ? body.error_description.slice(0, 500) : undefined;
  if (error === undefined) {
    throw invalidResponse(
      status,
      `The token endpoint answered HTTP ${status} without an OAuth error`,
      text,
    );
  }
  throw new SalesforceAuthError({
    code: codeForOAuthError(error, description),
    status,
    error,
    ...(description === undefined ? {} : { errorDescription: description }),
    response: text,
  });
}

function toToken(
  body: Record<string, unknown>,
  context: ParseContext,
  text: string,
): SalesforceToken {
  const accessToken = body.access_token;
  const instanceUrl = body.instance_url;
  const id = body.id;
  const identity = typeof id === 'string' ? identityIds(id) : undefined;
  if (
    typeof accessToken !== 'string' ||
    accessToken === '' ||
    typeof instanceUrl !== 'string' ||
    !identity
  ) {
    throw invalidResponse(
      context.status,
      'The token response lacks access_token, instance_url or a valid id',
      text,
    );
  }
  for (const url of [instanceUrl, id as string]) {
    if (!isTrustedSalesforceUrl(url, context.trustedHosts, context.allowLoopback === true)) {
      throw new SalesforceAuthError({
        code: 'untrusted_instance_url',
        status: context.status,
        message: `The token response points at ${safeOrigin(url)}, which is not a Salesforce domain`,
      });
    }
  }
  // Org and user always come from the identity URL, for session ids and JWT-based tokens alike.
  const lifetimeMs = readJwtAccessToken(accessToken)?.lifetimeMs;
  return {
    accessToken,
    instanceUrl: shared(instanceUrl.replace(/\/+$/, '')),
    id: id as string,
    organizationId: identity.organizationId,
    userId: identity.userId,
    ...(typeof body.scope === 'string' ? { scope: body.scope } : {}),
    tokenType: typeof body.token_type === 'string' ? body.token_type : 'Bearer',
    issuedAt: context.issuedAt,
    ...(lifetimeMs === undefined ? {} : { expiresAt: context.issuedAt + lifetimeMs }),
    ...(typeof body.sfdc_site_url === 'string' ? { siteUrl: body.sfdc_site_url } : {}),
    ...(typeof body.sfdc_site_id === 'string' ? { siteId: body.sfdc_site_id } : {}),
  };
}

function safeOrigin(value: string): string {
  try {
    return new URL(value).origin.slice(0, 200);
  } catch {
    return 'an invalid URL';
  }
}

// The users of one org share an instance URL: a process holding thousands of their tokens
// (a connection pool) keeps one copy of it, not one per token. Bounded: past 256 distinct
// URLs, new ones are simply not shared.
const instanceUrls = new Map<string, string>();
function shared(url: string): string {
  const known = instanceUrls.get(url);
  if (known !== undefined) return known;
  if (instanceUrls.size < 256) instanceUrls.set(url, url);
  return url;
}

/** A token-endpoint answer that is not one (not retried): `invalid_response`. */
function invalidResponse(status: number, message: string, response?: string): SalesforceAuthError {
  return new SalesforceAuthError({
    code: 'invalid_response',
    status,
    message,
    retryable: false,
    ...(response === undefined ? {} : { response }),
  });
}
