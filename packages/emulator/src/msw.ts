export { type CreateHandlersOptions, createHandlers } from './msw-handlers.js';
