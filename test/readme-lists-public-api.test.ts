import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/** The names an entry file exports, read with the TypeScript parser. */
function exportedNames(path: string): string[] {
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest);
  return source.statements.flatMap((statement) =>
    ts.isExportDeclaration(statement) &&
    statement.exportClause &&
    ts.isNamedExports(statement.exportClause)
      ? statement.exportClause.elements.map((element) => element.name.text)
      : [],
  );
}

/** The backquoted names in a README's `## API` section. */
function apiSection(path: string): string {
  const readme = readFileSync(path, 'utf8');
  const start = readme.indexOf('\n## API\n');
  expect(start, `${path} has an ## API section`).toBeGreaterThan(-1);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end === -1 ? undefined : end);
}

const root = new URL('../packages/', import.meta.url);
const packages = [
  ['core', 'src/index.ts'],
  ['core', 'src/certificate.ts'],
  ['core', 'src/testing.ts'],
  ['core', 'src/otel.ts'],
  ['redis-store', 'src/index.ts'],
  ['signer-aws-kms', 'src/index.ts'],
  ['signer-pkcs11', 'src/index.ts'],
  ['pubsub', 'src/index.ts'],
  ['pubsub-api', 'src/index.ts'],
  ['emulator', 'src/index.ts'],
  ['emulator', 'src/msw.ts'],
  ['jsforce-adapter', 'src/index.ts'],
  ['express-middleware', 'src/index.ts'],
  ['fastify', 'src/index.ts'],
  ['nestjs', 'src/index.ts'],
] as const;

describe('each README lists the public API its entry points export', () => {
  it.each(packages)('%s README names every export of %s', (name, entry) => {
    const section = apiSection(new URL(`${name}/README.md`, root).pathname);
    const exported = exportedNames(new URL(`${name}/${entry}`, root).pathname);
    expect(exported.length).toBeGreaterThan(0);
    expect(exported.filter((each) => !section.includes(`\`${each}\``))).toEqual([]);
  });

  it.each([
    'core',
    'redis-store',
    'signer-aws-kms',
    'signer-pkcs11',
    'pubsub',
    'pubsub-api',
    'jsforce-adapter',
    'express-middleware',
    'fastify',
    'nestjs',
  ])('%s README lists nothing in its API table that index.ts does not export', (name) => {
    const section = apiSection(new URL(`${name}/README.md`, root).pathname);
    const exported = new Set(exportedNames(new URL(`${name}/src/index.ts`, root).pathname));
    const listed = section
      .split('\n')
      .filter((line) => line.startsWith('| `'))
      .flatMap((line) => [...line.split('|')[1]!.matchAll(/`(\w+)`/g)].map((match) => match[1]!));
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.filter((each) => !exported.has(each))).toEqual([]);
  });
});
