import { createPublicKey, type KeyObject } from 'node:crypto';
import {
  GetPublicKeyCommand,
  KMSClient,
  type KMSClientConfig,
  SignCommand,
} from '@aws-sdk/client-kms';
import type { AssertionSigner } from '@sf-jwt/core';
import { signWithRetries } from '@sf-jwt/core/internal';
import { mapKmsError } from './map-kms-error.js';

/**
 * Options of {@link awsKmsSigner} and {@link awsKmsPublicKey}.
 * @example
 * ```ts
 * const options: AwsKmsSignerOptions = { keyId: 'alias/salesforce-integration', clientConfig: { region: 'eu-west-1' } };
 * ```
 */
export interface AwsKmsSignerOptions {
  /** The KMS key: id, ARN, alias name (`alias/...`) or alias ARN. An RSA SIGN_VERIFY key. */
  keyId: string;
  /**
   * The client to use. Its own retries add to `retries`: build it with `maxAttempts: 1`.
   * @defaultValue a `KMSClient` made from `clientConfig` with `maxAttempts: 1`
   */
  client?: KMSClient;
  /**
   * Config of the client made when `client` is left out (region, credentials, endpoint).
   * @defaultValue `{}` (the SDK's default region and credential chain)
   */
  clientConfig?: KMSClientConfig;
  /**
   * Retries after the first attempt, for throttling and unavailability only.
   * @defaultValue 2
   */
  retries?: number;
  /**
   * The first wait before a retry in ms, doubled each time up to 1000.
   * @defaultValue 100
   */
  retryDelayMs?: number;
  /**
   * Time limit of one KMS call in ms.
   * @defaultValue 5000
   */
  timeoutMs?: number;
  /**
   * How to wait between retries.
   * @defaultValue setTimeout
   */
  sleep?: (ms: number) => Promise<void>;
}

function clientOf(options: AwsKmsSignerOptions): KMSClient {
  return options.client ?? new KMSClient({ maxAttempts: 1, ...options.clientConfig });
}

/**
 * An {@link AssertionSigner} for `JwtBearerConfig.signer`: KMS `Sign` with
 * `RSASSA_PKCS1_V1_5_SHA_256` over the raw signing input (`MessageType: 'RAW'`, KMS hashes it),
 * so the private key never leaves KMS. Throttling and unavailability are retried (at most
 * `retries` times) and end as `signer_unavailable`; refusals are `signer_denied` at once.
 *
 * @example
 * ```ts
 * const strategy = new JwtBearerStrategy({
 *   clientId,
 *   username: 'integration@acme.com',
 *   signer: awsKmsSigner({ keyId: 'alias/salesforce-integration' }),
 * });
 * ```
 */
export function awsKmsSigner(options: AwsKmsSignerOptions): AssertionSigner {
  const client = clientOf(options);
  const timeoutMs = options.timeoutMs ?? 5000;
  return (signingInput) =>
    signWithRetries(
      async () => {
        const { Signature } = await client.send(
          new SignCommand({
            KeyId: options.keyId,
            Message: signingInput,
            MessageType: 'RAW',
            SigningAlgorithm: 'RSASSA_PKCS1_V1_5_SHA_256',
          }),
          { abortSignal: AbortSignal.timeout(timeoutMs) },
        );
        if (!Signature || Signature.length === 0) throw new Error('KMS returned no signature');
        return Signature;
      },
      mapKmsError,
      options,
    );
}

/**
 * The key's public half from KMS `GetPublicKey`, for the certificate to upload
 * (`createCertificate` of `@sf-jwt/core/certificate`).
 *
 * @example
 * ```ts
 * const publicKey = await awsKmsPublicKey({ keyId: 'alias/salesforce-integration' });
 * const certificate = await createCertificate({ publicKey, signer: awsKmsSigner({ keyId }) });
 * ```
 */
export async function awsKmsPublicKey(options: AwsKmsSignerOptions): Promise<KeyObject> {
  const client = clientOf(options);
  const { PublicKey } = await signWithRetries(
    () =>
      client.send(new GetPublicKeyCommand({ KeyId: options.keyId }), {
        abortSignal: AbortSignal.timeout(options.timeoutMs ?? 5000),
      }),
    mapKmsError,
    options,
  );
  return createPublicKey({ key: Buffer.from(PublicKey!), format: 'der', type: 'spki' });
}
