export { InjectSalesforce } from './inject-salesforce.js';
export type {
  SalesforceModuleAsyncOptions,
  SalesforceModuleOptions,
  SalesforceSubjectRequest,
} from './module-options.js';
export { SalesforceExceptionFilter } from './salesforce-exception-filter.js';
export { SalesforceModule } from './salesforce-module.js';
export { SALESFORCE_CONNECTION, SALESFORCE_CONNECTIONS, SALESFORCE_OPTIONS } from './tokens.js';
