import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { compileBlocks } from './compile-snippets.js';
import { findReadmes, readmeBlocks } from './readme-blocks.js';

// One check for every README of the repository: each ```ts block is a file compiled under strict
// tsc. A block marked `<!-- snippet: PATH -->` quotes PATH exactly (the file is compiled, and the
// package's tests run it); any other block compiles as a module of its own. ```js blocks must
// quote a file (compiled with checkJs).
const root = fileURLToPath(new URL('../', import.meta.url));
const readmes = findReadmes(root);
let previous: ts.Program | undefined;

it('finds the root README and one per package', () => {
  expect(readmes[0]).toBe('README.md');
  for (const name of ['core', 'jsforce-adapter', 'express-middleware', 'fastify', 'nestjs']) {
    expect(readmes).toContain(`packages/${name}/README.md`);
  }
});

describe.each(readmes)('%s', (readme) => {
  const blocks = readmeBlocks(root, readme);
  const folder = readme === 'README.md' ? 'root' : basename(dirname(readme));

  it('quotes each marked file exactly, and marks every ```js block', () => {
    for (const block of blocks.filter((each) => each.quotes !== undefined)) {
      const file = readFileSync(join(root, block.quotes!), 'utf8');
      expect({ at: `${readme}:${block.line}`, code: block.code }).toEqual({
        at: `${readme}:${block.line}`,
        code: file,
      });
    }
    const unquotedJs = blocks.filter((each) => each.lang === 'js' && each.quotes === undefined);
    expect(unquotedJs.map((each) => `${readme}:${each.line}`)).toEqual([]);
  });

  it('compiles every TypeScript block under strict tsc', () => {
    const context = join(root, 'test/readme-context', `${folder}.d.ts`);
    const { errors, program } = compileBlocks(root, blocks, context, previous);
    previous = program;
    expect(errors).toEqual([]);
  });
});
