import { packageBuild } from '../../tsup.shared.js';

export default packageBuild(
  ['src/index.ts', 'src/internal.ts', 'src/certificate.ts', 'src/testing.ts', 'src/otel.ts'],
  {
    // p-retry is ESM-only; bundling it keeps the CommonJS build loadable by require() on every Node 20.
    noExternal: ['p-retry', 'is-network-error', 'retry'],
  },
);
