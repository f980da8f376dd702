import type { EmulatorApp, NormalisedUser } from '../org/setup.js';
import { type EmulatorRequest, type EmulatorResponse, json } from '../server/http-types.js';
import type { EmulatorState } from '../state/emulator-state.js';
import { checkAudience } from './audience-rules.js';
import { type OAuthErrorName, oauthError } from './oauth-errors.js';
import { verifyAssertion } from './verify-assertion.js';

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const HOUR_MS = 3_600_000;

/** POST /services/oauth2/token with the JWT bearer grant, validated as Salesforce does. */
export function handleTokenRequest(
  state: EmulatorState,
  request: EmulatorRequest,
): EmulatorResponse {
  const result = exchange(state, request);
  if ('error' in result) {
    state.stats.failedTokenExchanges += 1;
    return oauthError(result.error);
  }
  return result.response;
}

function exchange(
  state: EmulatorState,
  request: EmulatorRequest,
): { error: OAuthErrorName } | { response: EmulatorResponse } {
  const contentType = request.headers['content-type'] ?? '';
  if (request.method !== 'POST' || !contentType.includes('application/x-www-form-urlencoded')) {
    return { error: 'unsupportedGrantType' };
  }
  const form = new URLSearchParams(request.body);
  if (form.get('grant_type') !== JWT_BEARER) return { error: 'unsupportedGrantType' };
  const now = state.now();
  const check = verifyAssertion(state.setup, form.get('assertion') ?? '', now);
  if (!check.ok) return { error: check.error };
  const { app, claims } = check;
  const user =
    typeof claims.sub === 'string' ? state.setup.users.get(claims.sub.toLowerCase()) : undefined;
  const audienceError = checkAudience(state.setup, app, user, claims.aud, request.url);
  if (audienceError) return { error: audienceError };
  if (!user) return { error: 'notApproved' };
  if (app.adminApproved === false) return { error: 'notApproved' };
  if (!assigned(app.profiles, app.permissionSets, user.profile, user.permissionSets)) {
    return { error: 'notAdminApproved' };
  }
  if (!user.active) return { error: 'inactiveUser' };
  if (state.setup.locked) return { error: 'inactiveOrg' };
  if (!state.allowLogin(user.username, now, HOUR_MS)) return { error: 'rateExceeded' };

  const instanceUrl = state.instanceUrl(request.url);
  const accessToken = issueToken(state, app, user, request.url.origin, instanceUrl, now);
  state.stats.tokenExchanges += 1;
  state.stats.tokenExchangesByUser[user.username] =
    (state.stats.tokenExchangesByUser[user.username] ?? 0) + 1;
  return {
    response: json(200, {
      access_token: accessToken,
      scope: 'api',
      instance_url: instanceUrl,
      id: `${request.url.origin}/id/${user.orgId}/${user.userId}`,
      token_type: 'Bearer',
      issued_at: String(now),
      ...(user.siteUrl ? { sfdc_site_url: user.siteUrl, sfdc_site_id: '0DM000000000001AAA' } : {}),
    }),
  };
}

/** A session id, or a JWT-based access token when the app is set to issue them. */
function issueToken(
  state: EmulatorState,
  app: EmulatorApp,
  user: NormalisedUser,
  issuer: string,
  instanceUrl: string,
  nowMs: number,
): string {
  if (app.accessTokenFormat !== 'jwt') return state.sessions.issue(user);
  const { token, expiresAt } = state.signer.sign({ app, user, issuer, instanceUrl, nowMs });
  state.sessions.register(token, user, expiresAt);
  return token;
}

function assigned(
  profiles: string[] | undefined,
  permissionSets: string[] | undefined,
  profile: string,
  userPermissionSets: string[],
): boolean {
  if (profiles === undefined && permissionSets === undefined) return true;
  return (
    (profiles ?? []).includes(profile) ||
    userPermissionSets.some((name) => (permissionSets ?? []).includes(name))
  );
}
