export { type CreateHandlersOptions, createHandlers } from './server/msw-handlers.js';
