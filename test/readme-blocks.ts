import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/** One fenced code block of a README. */
export interface ReadmeBlock {
  /** The README, relative to the repository root (`packages/core/README.md`). */
  readme: string;
  /** The 1-based line of the block's first code line in the README. */
  line: number;
  /** The fence's language: `ts` or `js`. */
  lang: 'ts' | 'js';
  code: string;
  /** The file the block quotes (`<!-- snippet: PATH -->`, PATH relative to the README), if any. */
  quotes?: string;
}

const BLOCK = /(?:<!-- snippet: (\S+) -->\n)?```(ts|js)\n([\s\S]*?)```/g;

/**
 * Every README of the repository: the root one and one level down in `packages/` and
 * `examples/`, found by listing the folders, so a new package's README is checked at once.
 */
export function findReadmes(root: string): string[] {
  const nested = ['packages', 'examples'].flatMap((parent) =>
    readdirSync(join(root, parent), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => join(parent, entry.name, 'README.md'))
      .filter((path) => existsSync(join(root, path))),
  );
  return ['README.md', ...nested.sort()];
}

/** The ```ts and ```js blocks of a README, each with the file it quotes if it is marked. */
export function readmeBlocks(root: string, readme: string): ReadmeBlock[] {
  const text = readFileSync(join(root, readme), 'utf8');
  return [...text.matchAll(BLOCK)].map((match) => {
    const [whole, quoted, lang, code] = match as unknown as [
      string,
      string | undefined,
      'ts' | 'js',
      string,
    ];
    const fence = match.index + whole.indexOf('```');
    const line = text.slice(0, fence).split('\n').length + 1;
    const quotes =
      quoted === undefined ? undefined : relative(root, join(root, dirname(readme), quoted));
    return { readme, line, lang, code, ...(quotes === undefined ? {} : { quotes }) };
  });
}
