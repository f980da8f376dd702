import { EmulatorError } from '../../state/emulator-error.js';
import type { OrgSchema } from './org-schema.js';
import { checkWrite, newRecord } from './record-writes.js';

type Row = Record<string, unknown>;

/** What a seeded User record is made of (a user of the setup, normalised). */
export interface SeedUser {
  userId: string;
  username: string;
  name: string;
  email: string;
  active: boolean;
}

/**
 * The org's starting records by lower-cased object name: the setup's (under their API field
 * names), plus a User per user and the Organization record.
 */
export function seedRecords(
  schema: OrgSchema,
  input: Record<string, Row[]>,
  org: { orgId: string; environment: string; users: SeedUser[] },
): Map<string, Row[]> {
  const records = new Map<string, Row[]>();
  const at = Date.now();
  for (const [type, list] of Object.entries(input)) {
    const object = schema.object(type)!;
    const rows = list.map((input) => {
      const checked = checkWrite(object, input, 'seed');
      if ('error' in checked)
        throw new EmulatorError('invalid_setup', `records.${type}: ${checked.error.message}`);
      return newRecord(object, checked.values, at, org.users[0]?.userId ?? null);
    });
    records.set(object.name.toLowerCase(), rows);
  }
  if (!records.has('user')) {
    records.set(
      'user',
      org.users.map((user) =>
        newRecord(
          schema.object('User')!,
          {
            Id: user.userId,
            Username: user.username,
            LastName: user.name,
            Email: user.email,
            IsActive: user.active,
            Alias: user.name.slice(0, 8),
            TimeZoneSidKey: 'GMT',
            LanguageLocaleKey: 'en_US',
          },
          at,
          user.userId,
        ),
      ),
    );
  }
  if (!records.has('organization')) {
    records.set('organization', [
      newRecord(
        schema.object('Organization')!,
        {
          Id: org.orgId,
          Name: 'Emulated Org',
          OrganizationType: 'Developer Edition',
          InstanceName: 'EMU1',
          IsSandbox: org.environment === 'sandbox',
          TrialExpirationDate: null,
          NamespacePrefix: null,
          LanguageLocaleKey: 'en_US',
          DefaultLocaleSidKey: 'en_US',
          TimeZoneSidKey: 'GMT',
        },
        at,
        org.users[0]?.userId ?? null,
      ),
    ]);
  }
  return records;
}
