import type { EmulatorObject } from './field-types.js';

const readOnly = { createable: false, updateable: false } as const;
/** A lookup to `object`, reached through `relationship` (the object's name by default). */
const lookup = (object: string, relationship = object) =>
  ({ type: 'reference', referenceTo: object, relationshipName: relationship }) as const;
const ownerId = lookup('User', 'Owner');

/** Fields every object has, filled in by the emulator. */
export const SYSTEM_FIELDS: NonNullable<EmulatorObject['fields']> = {
  Id: { type: 'id', ...readOnly },
  IsDeleted: { type: 'boolean', ...readOnly },
  CreatedDate: { type: 'datetime', ...readOnly },
  CreatedById: { ...lookup('User', 'CreatedBy'), ...readOnly },
  LastModifiedDate: { type: 'datetime', ...readOnly },
  LastModifiedById: { ...lookup('User', 'LastModifiedBy'), ...readOnly },
  SystemModstamp: { type: 'datetime', ...readOnly },
};

/** The standard objects every emulated org has, with the fields integrations use most. */
export const STANDARD_OBJECTS: Record<string, EmulatorObject> = {
  Account: {
    labelPlural: 'Accounts',
    fields: {
      Name: { required: true },
      Industry: { type: 'picklist' },
      Type: { type: 'picklist' },
      Phone: { type: 'phone' },
      Website: { type: 'url' },
      BillingCity: {},
      BillingCountry: {},
      AnnualRevenue: { type: 'currency' },
      NumberOfEmployees: { type: 'int' },
      Description: { type: 'textarea' },
      AccountNumber: {},
      // On every org's Account, though missing from jsforce's field lists.
      Sic: {},
      Site: {},
      TickerSymbol: {},
      Rating: { type: 'picklist' },
      Ownership: { type: 'picklist' },
      ParentId: lookup('Account', 'Parent'),
      OwnerId: ownerId,
    },
  },
  Contact: {
    labelPlural: 'Contacts',
    fields: {
      FirstName: {},
      LastName: { required: true },
      Name: readOnly,
      Email: { type: 'email' },
      Phone: { type: 'phone' },
      Title: {},
      AccountId: lookup('Account'),
      OwnerId: ownerId,
    },
  },
  Opportunity: {
    labelPlural: 'Opportunities',
    fields: {
      Name: { required: true },
      StageName: { type: 'picklist', required: true },
      CloseDate: { type: 'date', required: true },
      Amount: { type: 'currency' },
      Probability: { type: 'percent' },
      // Derived from StageName (a stage named "Closed …"), as the stage picklist's IsClosed.
      IsClosed: { type: 'boolean', ...readOnly },
      LastActivityDate: { type: 'date', ...readOnly },
      AccountId: lookup('Account'),
      OwnerId: ownerId,
    },
  },
  Lead: {
    labelPlural: 'Leads',
    fields: {
      FirstName: {},
      LastName: { required: true },
      Name: readOnly,
      Company: { required: true },
      Email: { type: 'email' },
      Status: { type: 'picklist' },
      OwnerId: ownerId,
    },
  },
  Case: {
    labelPlural: 'Cases',
    fields: {
      Subject: {},
      Description: { type: 'textarea' },
      Status: { type: 'picklist' },
      Priority: { type: 'picklist' },
      CaseNumber: readOnly,
      AccountId: lookup('Account'),
      ContactId: lookup('Contact'),
      OwnerId: ownerId,
    },
  },
  User: {
    labelPlural: 'Users',
    fields: {
      Username: { required: true },
      Name: readOnly,
      FirstName: {},
      LastName: { required: true },
      Email: { type: 'email', required: true },
      Phone: { type: 'phone' },
      IsActive: { type: 'boolean' },
      Alias: {},
      ProfileId: lookup('Profile'),
      TimeZoneSidKey: { type: 'picklist' },
      LanguageLocaleKey: { type: 'picklist' },
    },
  },
  Profile: { labelPlural: 'Profiles', fields: { Name: { required: true } } },
  Organization: {
    labelPlural: 'Organizations',
    fields: {
      Name: readOnly,
      OrganizationType: { type: 'picklist', ...readOnly },
      InstanceName: readOnly,
      IsSandbox: { type: 'boolean', ...readOnly },
      TrialExpirationDate: { type: 'datetime', ...readOnly },
      NamespacePrefix: readOnly,
      LanguageLocaleKey: { type: 'picklist', ...readOnly },
      DefaultLocaleSidKey: { type: 'picklist', ...readOnly },
      TimeZoneSidKey: { type: 'picklist', ...readOnly },
    },
  },
  ApexClass: {
    labelPlural: 'Apex Classes',
    fields: {
      Name: { required: true },
      Body: { type: 'textarea', required: true },
      ApiVersion: { type: 'double' },
      Status: { type: 'picklist' },
      NamespacePrefix: readOnly,
    },
  },
  // A record names a Streaming channel /topic/<Name> (see streaming/).
  PushTopic: {
    labelPlural: 'Push Topics',
    fields: {
      Name: { required: true },
      Query: { type: 'textarea', required: true },
      ApiVersion: { type: 'double' },
      NotifyForFields: { type: 'picklist' },
      IsActive: { type: 'boolean' },
    },
  },
  // A Tooling API object: the log levels of a trace flag.
  DebugLevel: {
    labelPlural: 'Debug Levels',
    fields: {
      DeveloperName: { required: true },
      MasterLabel: { required: true },
      Language: { type: 'picklist' },
      ...Object.fromEntries(
        [
          'ApexCode',
          'ApexProfiling',
          'Callout',
          'Database',
          'Nba',
          'System',
          'Validation',
          'Visualforce',
          'Wave',
          'Workflow',
        ].map((category) => [
          category,
          {
            type: 'picklist' as const,
            picklistValues: ['NONE', 'ERROR', 'WARN', 'INFO', 'DEBUG', 'FINE', 'FINER', 'FINEST'],
          },
        ]),
      ),
    },
  },
};
