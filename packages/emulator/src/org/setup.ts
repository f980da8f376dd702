import { EmulatorError } from '../state/emulator-error.js';
import { newId } from './salesforce-ids.js';
import type { EmulatorObject } from './schema/field-types.js';
import { OrgSchema } from './schema/org-schema.js';
import { seedRecords } from './schema/seed-records.js';

/** A connected app (or External Client App) as an admin configured it. */
export interface EmulatorApp {
  /** The Consumer Key (`iss`). */
  consumerKey: string;
  /** The X.509 certificate PEM uploaded under "Use digital signatures". */
  certificate: string;
  name?: string;
  /**
   * "Admin approved users are pre-authorized".
   * @defaultValue true
   */
  adminApproved?: boolean;
  /** Profiles assigned to the app; with adminApproved, a user needs one of these or a permission set. Left out: all. */
  profiles?: string[];
  /** Permission sets assigned to the app. */
  permissionSets?: string[];
  /** A classic connected app (default) or an External Client App, which wants the My Domain audience. */
  kind?: 'connected-app' | 'external-client-app';
  /**
   * "Issue JSON Web Token (JWT)-based access tokens": `'jwt'` issues JWT-based access tokens
   * (REST accepts them; SOAP, Metadata and Bulk API 1.0 only from v68.0).
   * @defaultValue 'opaque' (session ids, `00D…!…`)
   */
  accessTokenFormat?: 'opaque' | 'jwt';
  /**
   * The app's token policy: lifetime of a JWT-based access token (its `exp`), whatever the org's
   * session timeout.
   * @defaultValue 1800
   */
  accessTokenLifetimeSeconds?: number;
}

/** A user of the emulated org. */
export interface EmulatorUser {
  username: string;
  profile?: string;
  permissionSets?: string[];
  /** Default true. */
  active?: boolean;
  userId?: string;
  orgId?: string;
  email?: string;
  name?: string;
  /** An Experience Cloud site URL: the user is a site user and that URL is an accepted audience. */
  siteUrl?: string;
}

/** The org and everything in it. */
export interface EmulatorSetup {
  org?: {
    id?: string;
    /** A production org accepts aud https://login.salesforce.com, a sandbox https://test.salesforce.com. */
    environment?: 'production' | 'sandbox';
    /** The org's My Domain URL, e.g. https://acme.my.salesforce.com. */
    myDomain?: string;
    /**
     * Session timeout of inactivity, in seconds.
     * @defaultValue 7200
     */
    sessionTimeoutSeconds?: number;
    /** A locked, closed or suspended org. */
    locked?: boolean;
  };
  apps: EmulatorApp[];
  users: EmulatorUser[];
  /**
   * Logins per user per rolling hour.
   * @defaultValue 3600
   */
  loginRateLimitPerHour?: number;
  /** sObject type → records. A type or field not described yet is added (type inferred from the values). */
  records?: Record<string, Array<Record<string, unknown>>>;
  /** Custom objects to add (`Invoice__c`), or fields to add to standard ones, by API name. */
  objects?: Record<string, EmulatorObject>;
  /** Other metadata the org holds, by type (`{ ApexClass: ['Util'] }`), for listMetadata/readMetadata. */
  metadata?: Record<string, string[]>;
  /** Skew of the emulator's clock against this machine's, in ms. */
  clockOffsetMs?: number;
  /**
   * Records per query page before nextRecordsUrl.
   * @defaultValue 2000
   */
  queryBatchSize?: number;
}

export interface NormalisedUser extends Required<Pick<EmulatorUser, 'username' | 'active'>> {
  profile: string;
  permissionSets: string[];
  userId: string;
  orgId: string;
  email: string;
  name: string;
  siteUrl: string | undefined;
}

export interface NormalisedSetup {
  orgId: string;
  environment: 'production' | 'sandbox';
  myDomain: string | undefined;
  sessionTimeoutMs: number;
  locked: boolean;
  apps: Map<string, EmulatorApp>;
  users: Map<string, NormalisedUser>;
  loginRateLimitPerHour: number;
  clockOffsetMs: number;
  queryBatchSize: number;
  /** The starting records by lower-cased object name (the org's data copies them). */
  seedRecords: Map<string, Array<Record<string, unknown>>>;
  schema: OrgSchema;
  metadata: Record<string, string[]>;
}

/** Fills in defaults and ids; throws on a setup that cannot work. */
export function normaliseSetup(setup: EmulatorSetup): NormalisedSetup {
  if (!setup || !Array.isArray(setup.apps) || !Array.isArray(setup.users)) {
    throw new EmulatorError('invalid_setup', 'setup needs apps[] and users[]');
  }
  const orgId = setup.org?.id ?? newId('00D');
  const users = new Map<string, NormalisedUser>();
  for (const user of setup.users) {
    users.set(user.username.toLowerCase(), {
      username: user.username,
      active: user.active ?? true,
      profile: user.profile ?? 'System Administrator',
      permissionSets: user.permissionSets ?? [],
      userId: user.userId ?? newId('005'),
      orgId: user.orgId ?? orgId,
      email: user.email ?? user.username.replace(/\.[^.@]+$/, ''),
      name: user.name ?? user.username.split('@')[0]!,
      siteUrl: user.siteUrl?.replace(/\/+$/, ''),
    });
  }
  const schema = new OrgSchema(setup.objects, setup.records);
  const environment = setup.org?.environment ?? 'production';
  const seeded = seedRecords(schema, setup.records ?? {}, {
    orgId,
    environment,
    users: [...users.values()],
  });
  return {
    orgId,
    environment,
    myDomain: setup.org?.myDomain?.replace(/\/+$/, ''),
    sessionTimeoutMs: (setup.org?.sessionTimeoutSeconds ?? 7200) * 1000,
    locked: setup.org?.locked ?? false,
    apps: new Map(setup.apps.map((app) => [app.consumerKey, app])),
    users,
    loginRateLimitPerHour: setup.loginRateLimitPerHour ?? 3600,
    clockOffsetMs: setup.clockOffsetMs ?? 0,
    queryBatchSize: setup.queryBatchSize ?? 2000,
    seedRecords: seeded,
    schema,
    metadata: setup.metadata ?? {},
  };
}
