import type { Session } from '../oauth/sessions.js';
import type { EmulatorState } from '../state/emulator-state.js';
import type { EmulatorRequest } from './http-types.js';

/** The identity URL's (and `/services/oauth2/userinfo`'s) answer for the session's user. */
export function identity(state: EmulatorState, request: EmulatorRequest, user: Session['user']) {
  const origin = request.url.origin;
  const instance = state.instanceUrl(request.url);
  return {
    id: `${origin}/id/${user.orgId}/${user.userId}`,
    sub: `${origin}/id/${user.orgId}/${user.userId}`,
    user_id: user.userId,
    organization_id: user.orgId,
    preferred_username: user.username,
    username: user.username,
    email: user.email,
    name: user.name,
    display_name: user.name,
    active: user.active,
    // Salesforce serves these from the org's file domain; the emulator stores no photos (404).
    photos: {
      picture: `${instance}/profilephoto/005/F`,
      thumbnail: `${instance}/profilephoto/005/T`,
    },
    urls: {
      rest: `${instance}/services/data/v{version}/`,
      query: `${instance}/services/data/v{version}/query/`,
      sobjects: `${instance}/services/data/v{version}/sobjects/`,
      partner: `${instance}/services/Soap/u/{version}/${user.orgId}`,
      metadata: `${instance}/services/Soap/m/{version}/${user.orgId}`,
    },
  };
}
