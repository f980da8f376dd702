import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestOrg, loadSetup, startEmulator } from '@sf-jwt/emulator';
import type { Output } from '../output.js';

/** Options of `sf-jwt emulator`. */
export interface EmulatorOptions {
  /**
   * A setup JSON file (apps, users, records).
   * @defaultValue undefined (a demo org in a temporary directory)
   */
  setup?: string;
  /**
   * The port on 127.0.0.1.
   * @defaultValue 0 (a free port)
   */
  port?: number;
}

/**
 * Runs the Salesforce emulator in the foreground; without a setup, creates a demo org (key,
 * certificate, app, user) in a temporary directory and prints the token command that works.
 *
 * @example
 * ```ts
 * const stop = await emulator({ port: 4010 }, output);
 * ```
 */
export async function emulator(
  options: EmulatorOptions,
  output: Output,
): Promise<() => Promise<void>> {
  let hint: string | undefined;
  let setup: Awaited<ReturnType<typeof loadSetup>>;
  if (options.setup) {
    setup = await loadSetup(options.setup);
  } else {
    output.err('Creating a demo org (key, certificate, app, user)...');
    const org = await createTestOrg({ usernames: ['demo@example.com'] });
    const dir = await mkdtemp(join(tmpdir(), 'sf-jwt-demo-'));
    const keyFile = join(dir, 'server.key');
    await writeFile(keyFile, org.privateKey, { mode: 0o600 });
    await writeFile(join(dir, 'server.crt'), org.certificate);
    setup = org.setup;
    hint = `--client-id ${org.clientId} --username ${org.username} --key-file ${keyFile}`;
  }
  const running = await startEmulator({ setup, ...(options.port ? { port: options.port } : {}) });
  if (output.json) {
    output.out(
      JSON.stringify({
        ok: true,
        url: running.url,
        ...(hint ? { tokenCommand: `sf-jwt token ${hint} --login-url ${running.url}` } : {}),
      }),
    );
  } else {
    output.out(`Salesforce emulator listening on ${running.url}`);
    if (hint) {
      output.out('Try:');
      output.out(`  sf-jwt token ${hint} --login-url ${running.url}`);
    }
    output.out('Press Ctrl+C to stop.');
  }
  return () => running.stop();
}
