// The framework-neutral server side, exported as one block by the package's `src/index.ts`.
export * from './bearer-challenge.js';
export * from './connection-for-request.js';
export * from './connection-pool.js';
export * from './http-error-response.js';
export * from './preflight.js';
export * from './server-pool.js';
