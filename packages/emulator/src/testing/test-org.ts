import { createKeyPairAndCertificate } from '@sf-jwt/core/certificate';
import type { EmulatorSetup } from '../org/setup.js';

/** Everything a test needs to authenticate against the emulator. */
export interface TestOrg {
  setup: EmulatorSetup;
  clientId: string;
  /** The first user. */
  username: string;
  usernames: string[];
  /** PKCS#8 PEM. Generated now, never written anywhere. */
  privateKey: string;
  certificate: string;
  publicKey: string;
}

/** Options for {@link createTestOrg}. */
export interface TestOrgOptions {
  /**
   * Users to create.
   * @defaultValue one, `integration@example.com`
   */
  usernames?: string[];
  /** A sandbox org (accepts the test audience). */
  sandbox?: boolean;
  /**
   * The app's kind.
   * @defaultValue classic connected app
   */
  kind?: 'connected-app' | 'external-client-app';
  /**
   * The app issues JWT-based access tokens (`'jwt'`) or session ids.
   * @defaultValue 'opaque'
   */
  accessTokenFormat?: 'opaque' | 'jwt';
  /**
   * The app's lifetime for a JWT-based access token, in seconds.
   * @defaultValue 1800
   */
  accessTokenLifetimeSeconds?: number;
  /** The org's My Domain URL. */
  myDomain?: string;
  /** Records to seed. */
  records?: EmulatorSetup['records'];
  /** Anything else to set on the setup. */
  extra?: Partial<EmulatorSetup>;
}

/**
 * A key pair, a certificate, an app and users in one call: a working org in three lines.
 *
 * @example
 * ```ts
 * const org = await createTestOrg();
 * const emulator = await startEmulator({ setup: org.setup });
 * const strategy = new JwtBearerStrategy({ clientId: org.clientId, username: org.username, privateKey: org.privateKey, loginUrl: emulator.url });
 * ```
 */
export async function createTestOrg(options: TestOrgOptions = {}): Promise<TestOrg> {
  const { privateKey, publicKey, certificate } = await createKeyPairAndCertificate({
    commonName: 'sf-jwt-test',
  });
  const usernames = options.usernames ?? ['integration@example.com'];
  const clientId = `3MVG9emulator${Math.random().toString(36).slice(2, 14)}`;
  const setup: EmulatorSetup = {
    org: {
      environment: options.sandbox ? 'sandbox' : 'production',
      ...(options.myDomain ? { myDomain: options.myDomain } : {}),
    },
    apps: [
      {
        consumerKey: clientId,
        certificate,
        name: 'sf-jwt test app',
        adminApproved: true,
        kind: options.kind ?? 'connected-app',
        ...(options.accessTokenFormat ? { accessTokenFormat: options.accessTokenFormat } : {}),
        ...(options.accessTokenLifetimeSeconds
          ? { accessTokenLifetimeSeconds: options.accessTokenLifetimeSeconds }
          : {}),
      },
    ],
    users: usernames.map((username) => ({ username, profile: 'Integration User' })),
    records: options.records ?? {
      Account: [
        { Name: 'Acme', Industry: 'Manufacturing' },
        { Name: 'Globex', Industry: 'Energy' },
        { Name: 'Initech', Industry: 'Technology' },
      ],
    },
    ...options.extra,
  };
  return {
    setup,
    clientId,
    username: usernames[0]!,
    usernames,
    privateKey,
    certificate,
    publicKey,
  };
}
