import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  // p-retry is ESM-only; bundling it keeps the CommonJS build loadable by require() on every Node 20.
  noExternal: ['p-retry', 'is-network-error', 'retry'],
});
