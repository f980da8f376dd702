import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The READMEs' swap snippets must come from the example files, which `pnpm typecheck` compiles
// and the tests run: every code line of a snippet that uses the adapter appears, in order, in one
// example file (comment lines aside).
const examplesDir = new URL('../examples/', import.meta.url);
const examples = readdirSync(examplesDir)
  .filter((name) => /\.(ts|cjs)$/.test(name))
  .map((name) => ({ name, lines: codeLines(readFileSync(new URL(name, examplesDir), 'utf8')) }));
const readmes = {
  'packages/jsforce-adapter/README.md': new URL('../README.md', import.meta.url),
  'README.md': new URL('../../../README.md', import.meta.url),
};

function codeLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('//'));
}

function adapterSnippets(markdown: string): string[] {
  const blocks = [...markdown.matchAll(/```(?:ts|js)\n([\s\S]*?)```/g)].map((match) => match[1]!);
  return blocks.filter((block) =>
    /@sf-jwt\/jsforce-adapter|\b(createConnection|attach)\(/.test(block),
  );
}

function isSubsequence(needles: string[], haystack: string[]): boolean {
  let at = 0;
  for (const line of haystack) if (line === needles[at]) at += 1;
  return at === needles.length;
}

describe.each(Object.entries(readmes))('%s', (_name, url) => {
  const snippets = adapterSnippets(readFileSync(url, 'utf8'));

  it('shows the swap', () => {
    expect(snippets.length).toBeGreaterThan(0);
  });

  it('takes every adapter snippet from a compiled example file', () => {
    const orphans = snippets.filter(
      (snippet) => !examples.some((example) => isSubsequence(codeLines(snippet), example.lines)),
    );
    expect(orphans).toEqual([]);
  });
});

it('the adapter README shows each example whole: ESM, CommonJS require, attach, own strategy, Streaming', () => {
  const readme = readFileSync(readmes['packages/jsforce-adapter/README.md'], 'utf8');
  expect(examples.map((example) => example.name).sort()).toEqual([
    'attach-exported-connection.cjs',
    'commonjs-require.cjs',
    'esm-connection-per-call.ts',
    'healing-subscription.ts',
    'own-strategy.ts',
  ]);
  for (const { name } of examples) {
    expect(readme).toContain(readFileSync(new URL(name, examplesDir), 'utf8').trimEnd());
  }
});
