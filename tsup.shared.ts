import { defineConfig, type Options } from 'tsup';

/** The build every package shares: ESM + CommonJS + types, for Node 20. */
export function packageBuild(entry: string[], extra: Options = {}) {
  return defineConfig({
    entry,
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    sourcemap: true,
    target: 'node20',
    ...extra,
  });
}
