import { SalesforceAuthError } from '@sf-jwt/core';

// KMS answers that another try may fix: throttling, KMS or its key store briefly unavailable.
const UNAVAILABLE = new Set([
  'ThrottlingException',
  'KMSInternalException',
  'DependencyTimeoutException',
  'KeyUnavailableException',
  'ServiceUnavailableException',
  'CustomKeyStoreInvalidStateException',
  'TimeoutError',
  'AbortError',
]);

const HINTS: Record<string, string> = {
  ThrottlingException:
    'KMS is throttling this account (requests per second per key): the signature was retried with backoff; sf-jwt signs once per login, so look for other users of the key, or ask AWS for a higher Sign quota.',
  AccessDeniedException:
    'This identity may not use the key: allow kms:Sign (and kms:GetPublicKey for the certificate) on it in the key policy or the IAM policy.',
  UnrecognizedClientException:
    'AWS did not recognise the credentials: check the access key, the session token and the region.',
  NotFoundException:
    'No key with this keyId in this region: check the key id, alias or ARN and the region.',
  DisabledException: 'The key is disabled: enable it in KMS (or point keyId at the current key).',
  InvalidKeyUsageException:
    'The key is not a SIGN_VERIFY RSA key: create an RSA_2048 (or larger) key with KeyUsage SIGN_VERIFY.',
  KMSInvalidStateException: 'The key is pending deletion or import: use an enabled key.',
};

/**
 * An AWS SDK failure of Sign or GetPublicKey as a typed error: `signer_unavailable` (retryable)
 * for throttling, KMS or network faults; `signer_denied` for everything another try cannot fix.
 */
export function mapKmsError(error: unknown): SalesforceAuthError {
  const name = (error as { name?: string })?.name ?? 'Error';
  const status = (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
  // No HTTP answer at all (refused, reset, DNS): the KMS endpoint is unreachable.
  const network = status === undefined && !name.endsWith('Exception');
  const unavailable = UNAVAILABLE.has(name) || network || (status !== undefined && status >= 500);
  return new SalesforceAuthError({
    code: unavailable ? 'signer_unavailable' : 'signer_denied',
    message: `AWS KMS could not sign (${network ? `unreachable: ${(error as Error)?.message ?? name}` : name})`,
    hint:
      HINTS[name] ??
      (unavailable
        ? 'KMS could not be reached or failed: it was retried a bounded number of times; check the endpoint, the network and the AWS status.'
        : undefined),
    ...(status === undefined ? {} : { status }),
    cause: error,
  });
}
