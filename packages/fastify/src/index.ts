export type { SalesforcePluginOptions } from './plugin-options.js';
export type { SalesforceControls } from './salesforce-controls.js';
export { salesforcePlugin } from './salesforce-plugin.js';
