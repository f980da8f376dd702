import { createPublicKey, type KeyObject, X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import {
  type JwtBearerConfig,
  JwtBearerStrategy,
  loadPrivateKey,
  PRODUCTION_LOGIN_URL,
  SANDBOX_LOGIN_URL,
  SalesforceAuthError,
} from '@sf-jwt/core';
import {
  audienceCandidates,
  audienceConfigLine,
  isSandboxMyDomainHost,
} from '@sf-jwt/core/internal';
import { whatFailed } from '../output.js';

/** One line of the doctor's report. */
export interface CheckResult {
  step: string;
  status: 'pass' | 'warn' | 'fail' | 'skip';
  detail: string;
  fix?: string;
}

const fail = (step: string, detail: string, fix: string): CheckResult => ({
  step,
  status: 'fail',
  detail,
  fix,
});
const pass = (step: string, detail: string): CheckResult => ({ step, status: 'pass', detail });

export function checkKey(config: JwtBearerConfig): { result: CheckResult; key?: KeyObject } {
  try {
    const key = loadPrivateKey(config);
    return {
      result: pass('private key', `RSA, ${key.asymmetricKeyDetails?.modulusLength} bits`),
      key,
    };
  } catch (error) {
    const failure = SalesforceAuthError.isInstance(error) ? error : undefined;
    return {
      result: fail(
        'private key',
        failure ? whatFailed(failure) : 'unreadable',
        failure?.hint ?? 'Check the key.',
      ),
    };
  }
}

export async function checkCertificate(
  certFile: string | undefined,
  key: KeyObject | undefined,
  now: number,
): Promise<CheckResult[]> {
  if (!certFile) return [{ step: 'certificate', status: 'skip', detail: 'no --cert given' }];
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(await readFile(certFile));
  } catch {
    return [
      fail(
        'certificate',
        `${certFile} is not a readable X.509 PEM`,
        'Pass the server.crt you uploaded to the app.',
      ),
    ];
  }
  const results: CheckResult[] = [];
  if (key) {
    const matches = certificate.publicKey
      .export({ type: 'spki', format: 'der' })
      .equals(createPublicKey(key).export({ type: 'spki', format: 'der' }));
    results.push(
      matches
        ? pass('key matches certificate', "the certificate holds this key's public half")
        : fail(
            'key matches certificate',
            'the private key does not belong to this certificate',
            'Upload the certificate made with this key (sf-jwt keygen writes both), or use the key that made it.',
          ),
    );
  }
  const daysLeft = Math.floor((Date.parse(certificate.validTo) - now) / 86_400_000);
  if (daysLeft < 0) {
    results.push(
      fail(
        'certificate validity',
        `expired ${-daysLeft} days ago (${certificate.validTo})`,
        'Create a new key and certificate (sf-jwt keygen), upload the certificate, and deploy the key.',
      ),
    );
  } else if (daysLeft < 30) {
    results.push({
      step: 'certificate validity',
      status: 'warn',
      detail: `expires in ${daysLeft} days (${certificate.validTo})`,
      fix: 'Rotate soon: see SECURITY.md for a rotation with zero downtime.',
    });
  } else {
    results.push(pass('certificate validity', `${daysLeft} days left`));
  }
  return results;
}

export function checkAudience(config: JwtBearerConfig): CheckResult {
  try {
    const loginUrl = config.loginUrl ?? (config.sandbox ? SANDBOX_LOGIN_URL : PRODUCTION_LOGIN_URL);
    const candidates = audienceCandidates(config);
    if (
      isSandboxMyDomainHost(new URL(loginUrl).hostname) &&
      candidates[0] === PRODUCTION_LOGIN_URL
    ) {
      return fail(
        'audience',
        `${candidates[0]} for a sandbox login URL`,
        'Sandboxes need https://test.salesforce.com: drop --audience or pass --sandbox.',
      );
    }
    const detail =
      candidates.length > 1
        ? `${candidates[0]}, then ${candidates[1]} if the app is an External Client App`
        : `${candidates[0]} for ${loginUrl}`;
    return pass('audience', detail);
  } catch (error) {
    return fail(
      'audience',
      'the login URL or audience is not valid',
      SalesforceAuthError.isInstance(error) ? error.hint : 'Check --login-url.',
    );
  }
}

export async function checkClock(
  loginUrl: string,
  fetchImpl: typeof fetch,
  now: () => number,
): Promise<CheckResult> {
  try {
    const started = now();
    const response = await fetchImpl(loginUrl, {
      method: 'HEAD',
      signal: AbortSignal.timeout(10_000),
    });
    const date = response.headers.get('date');
    if (!date)
      return { step: 'clock', status: 'warn', detail: 'the login server sent no Date header' };
    const skewSeconds = Math.round((Date.parse(date) - (started + now()) / 2) / 1000);
    if (Math.abs(skewSeconds) > 120) {
      return fail(
        'clock',
        `this machine is ${Math.abs(skewSeconds)} s ${skewSeconds > 0 ? 'behind' : 'ahead of'} the login server`,
        'Synchronise the clock (NTP) and use UTC: Salesforce rejects assertions outside about 3 minutes of skew.',
      );
    }
    return pass('clock', `within ${Math.abs(skewSeconds)} s of the login server`);
  } catch (error) {
    return fail(
      'clock',
      `could not reach ${loginUrl} (${(error as Error).message})`,
      "Check this machine's network, proxy and firewall allow HTTPS to the login URL.",
    );
  }
}

export async function checkExchange(
  config: JwtBearerConfig,
  key?: KeyObject,
): Promise<CheckResult> {
  try {
    // The key the "private key" step loaded: read once, its file's modes already reported.
    const strategy = new JwtBearerStrategy({
      ...config,
      ...(key ? { privateKey: key } : {}),
      retry: false,
    });
    const token = await strategy.getToken();
    const audience =
      strategy.audience ?? audienceCandidates({ ...config, loginUrl: strategy.loginUrl })[0]!;
    const line = audienceConfigLine(audience, strategy.loginUrl);
    const flag = line.replace(/^audience: '(.*)'$/, '--audience $1');
    const candidates = audienceCandidates({ ...config, loginUrl: strategy.loginUrl });
    // Discovery that cost a failed login costs it again in every process without a shared store.
    const discovered =
      candidates.length > 1 && audience !== candidates[0]
        ? `; finding it cost a failed login, which every process without a shared token store (each serverless cold start) pays again: add \`${line}\` to the config`
        : '';
    return pass(
      'token exchange',
      `user ${token.userId} of org ${token.organizationId} at ${token.instanceUrl}; the app accepts audience ${audience} (pin it with ${flag}, in code \`${line}\`, to skip discovery)${discovered}`,
    );
  } catch (error) {
    if (!SalesforceAuthError.isInstance(error))
      return fail('token exchange', String(error), 'Run with --verbose.');
    const answer = error.error
      ? ` (${error.status} ${error.error}: ${error.errorDescription ?? ''})`
      : '';
    return fail('token exchange', `${error.code}${answer}`, error.hint);
  }
}
