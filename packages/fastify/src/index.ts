export type { SalesforcePluginOptions } from './plugin-options.js';
export { salesforcePlugin } from './salesforce-plugin.js';
