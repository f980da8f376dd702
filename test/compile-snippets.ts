import { existsSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import type { ReadmeBlock } from './readme-blocks.js';

/**
 * The options every README block is compiled with: tsconfig.base.json (strict, sibling packages
 * resolved to their sources through `paths`), plus decorators for Nest and checkJs for quoted
 * CommonJS files. Unused names are allowed: a snippet may show a value it does not use.
 */
function compilerOptions(root: string): ts.CompilerOptions {
  const path = join(root, 'tsconfig.base.json');
  const { config } = ts.readConfigFile(path, ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, root, undefined, path);
  return {
    ...options,
    noUnusedLocals: false,
    noUnusedParameters: false,
    experimentalDecorators: true,
    allowJs: true,
    checkJs: true,
    noEmit: true,
    typeRoots: [join(root, 'node_modules/@types')],
  };
}

/** A diagnostic of one block, located in its README (or in the file it quotes). */
export interface SnippetError {
  where: string;
  code: number;
  message: string;
}

/**
 * Compiles the blocks of one README under strict tsc. A block that quotes a file compiles as that
 * file (its relative imports are real); any other block is a module of its own next to the README,
 * seeing the globals of `test/readme-context/<folder>.d.ts` (names an earlier block set up, such as
 * `config`). Only the blocks' own diagnostics count: the packages are checked by `pnpm typecheck`.
 */
export function compileBlocks(
  root: string,
  blocks: ReadmeBlock[],
  context: string | undefined,
  oldProgram?: ts.Program,
): { errors: SnippetError[]; program: ts.Program } {
  const options = compilerOptions(root);
  const virtual = new Map<string, ReadmeBlock>();
  const files: string[] = [];
  for (const block of blocks) {
    if (block.quotes !== undefined) files.push(join(root, block.quotes));
    else if (block.lang === 'ts') {
      const path = join(root, `${block.readme}.line-${block.line}.ts`);
      virtual.set(path, block);
      files.push(path);
    }
  }
  const host = ts.createCompilerHost(options);
  const source = (path: string) => {
    const block = virtual.get(path);
    // `export {}` makes every block a module: top-level await, and no names shared between blocks.
    return block === undefined ? undefined : `${block.code}export {};\n`;
  };
  const { fileExists, readFile, getSourceFile } = host;
  host.fileExists = (path) => virtual.has(path) || fileExists.call(host, path);
  host.readFile = (path) => source(path) ?? readFile.call(host, path);
  host.getSourceFile = (path, language, onError, fresh) => {
    const text = source(path);
    return text === undefined
      ? getSourceFile.call(host, path, language, onError, fresh)
      : ts.createSourceFile(path, text, language, true);
  };
  const roots = context !== undefined && existsSync(context) ? [context, ...files] : files;
  const program = ts.createProgram({ rootNames: roots, options, host, oldProgram });
  const errors = roots.flatMap((path) => {
    const file = program.getSourceFile(path);
    if (file === undefined) return [{ where: path, code: 0, message: 'not found' }];
    return [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)].map(
      (diagnostic) => located(root, diagnostic, virtual.get(path)),
    );
  });
  return { errors, program };
}

function located(root: string, diagnostic: ts.Diagnostic, block?: ReadmeBlock): SnippetError {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  const file = diagnostic.file;
  const line =
    file && diagnostic.start !== undefined
      ? file.getLineAndCharacterOfPosition(diagnostic.start).line
      : 0;
  const where = block
    ? `${block.readme}:${block.line + line}`
    : `${file ? file.fileName.slice(root.length) : '?'}:${line + 1}`;
  return { where, code: diagnostic.code, message };
}
