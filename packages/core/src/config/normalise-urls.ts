import {
  isLoopbackHost,
  PRODUCTION_LOGIN_URL,
  SANDBOX_LOGIN_URL,
} from '../audience/login-hosts.js';
import { describe, invalid, MAX_TEXT } from './config-checks.js';
import type { ConfigNormalisation } from './config-normalisation.js';

/** The token endpoint's path, which many guides and hand-written clients store with the host. */
const TOKEN_PATH = /\/services\/oauth2\/token\/*$/i;

export function normaliseLoginUrl(
  value: unknown,
  sandbox: boolean,
  note: (normalisation: ConfigNormalisation) => void,
): string {
  if (value === undefined) return sandbox ? SANDBOX_LOGIN_URL : PRODUCTION_LOGIN_URL;
  const url = parseUrl(value, 'loginUrl');
  if (TOKEN_PATH.test(url.pathname)) {
    url.pathname = url.pathname.replace(TOKEN_PATH, '') || '/';
    note({ option: 'loginUrl', change: 'token_path_removed' });
  }
  if (url.pathname !== '/' && !/\.(my\.site\.com|force\.com|site\.com)$/i.test(url.hostname)) {
    if (!isLoopbackHost(url.hostname)) {
      throw invalid(
        `loginUrl has a path (${url.pathname})`,
        'Give only the origin, e.g. https://login.salesforce.com or https://acme.my.salesforce.com; a path is only for Experience Cloud site URLs.',
      );
    }
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

export function normaliseAudience(value: unknown): string | undefined {
  if (value === undefined || value === 'my-domain') return value;
  const url = parseUrl(value, 'audience');
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function parseUrl(value: unknown, name: string): URL {
  if (typeof value !== 'string' || value.trim() === '' || value.length > MAX_TEXT) {
    throw invalid(`${name} is ${describe(value)}`, `Set ${name} to an https URL.`);
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid(
      `${name} is not a URL`,
      `Set ${name} to an https URL such as https://login.salesforce.com.`,
    );
  }
  if (url.username || url.password) {
    throw invalid(`${name} contains credentials`, `Remove the user:password@ part of ${name}.`);
  }
  if (url.search || url.hash) {
    throw invalid(
      `${name} has a query or fragment`,
      `Remove the ?query and #fragment from ${name}.`,
    );
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw invalid(
      `${name} uses http`,
      `Use https: the assertion and the token must never cross the network in clear (http is only allowed on loopback, for the emulator).`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw invalid(`${name} uses ${url.protocol}`, `Set ${name} to an https URL.`);
  }
  return url;
}
