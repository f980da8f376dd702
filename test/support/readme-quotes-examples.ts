import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';

const SNIPPET = /<!-- snippet: (\S+) -->\n```ts\n([\s\S]*?)```/g;

/**
 * Registers the test that every ```ts block of the package's README is one of its `count` example
 * files, quoted exactly after a `<!-- snippet: examples/NAME.ts -->` line: the package's own tests
 * then run what the README shows.
 *
 * @example
 * ```ts
 * readmeQuotesExamples(new URL('../', import.meta.url), 2);
 * ```
 */
export function readmeQuotesExamples(packageDir: URL, count: number): void {
  describe('README snippets', () => {
    it('are quoted exactly from examples/, every ts block', async () => {
      const text = await readFile(new URL('README.md', packageDir), 'utf8');
      const quoted = [...text.matchAll(SNIPPET)];
      expect(quoted.length).toBe(text.match(/```ts\n/g)?.length);
      expect(quoted.length).toBe(count);
      for (const [, path, code] of quoted) {
        expect(code).toBe(await readFile(new URL(path!, packageDir), 'utf8'));
      }
    });
  });
}
