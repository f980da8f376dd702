import { rmSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
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
  /**
   * Every app issues JWT-based access tokens instead of session ids (`--jwt-access-tokens`).
   * @defaultValue false (each app as its setup says; the demo org issues session ids)
   */
  jwtAccessTokens?: boolean;
  /**
   * The apps' lifetime for a JWT-based access token, in seconds (`--access-token-lifetime`).
   * @defaultValue 1800
   */
  accessTokenLifetime?: number;
  /**
   * Serve HTTPS with a self-signed certificate made at start (`--tls`), written to a temporary
   * file for `NODE_EXTRA_CA_CERTS` and `curl --cacert`, removed when the emulator stops.
   * @defaultValue false (plain HTTP)
   */
  tls?: boolean;
}

/** A temporary folder, removed on stop and on any exit of the process that skips stop(). */
async function temporaryDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

type Setup = Awaited<ReturnType<typeof loadSetup>>;

/** How to connect: for each app and user, the commands that work against this emulator. */
function connectHints(setup: Setup, url: string, keyFile: string | undefined): string[] {
  const key = keyFile ?? '<path-to-the-app-private-key>';
  return setup.apps.flatMap((app) =>
    setup.users.flatMap((user) => [
      `sf-jwt token --client-id ${app.consumerKey} --username ${user.username} --key-file ${key} --login-url ${url}`,
      // The Salesforce CLI stays on this machine only with an External Client App (see the emulator README).
      ...(app.kind === 'external-client-app'
        ? [
            `sf org login jwt --client-id ${app.consumerKey} --username ${user.username} --jwt-key-file ${key} --instance-url ${url}`,
          ]
        : []),
    ]),
  );
}

/** The setup with every app's token format and lifetime as the flags say (unchanged without flags). */
function withTokenPolicy(setup: Setup, options: EmulatorOptions): Setup {
  const policy = {
    ...(options.jwtAccessTokens ? { accessTokenFormat: 'jwt' as const } : {}),
    ...(options.accessTokenLifetime
      ? { accessTokenLifetimeSeconds: options.accessTokenLifetime }
      : {}),
  };
  return { ...setup, apps: setup.apps.map((app) => ({ ...app, ...policy })) };
}

/**
 * Runs the Salesforce emulator in the foreground and prints how to connect for any setup: the
 * `sf-jwt token` command per app and user, the login URL for jsforce or the `sf` CLI, and the
 * control endpoints (expire sessions, read counters). Without a setup, creates a demo org whose
 * key lives in a temporary directory that is removed when the emulator stops.
 *
 * @example
 * ```ts
 * const stop = await emulator({ port: 4010, jwtAccessTokens: true }, output);
 * await stop(); // the demo key's directory is gone
 * ```
 */
export async function emulator(
  options: EmulatorOptions,
  output: Output,
): Promise<() => Promise<void>> {
  let setup: Setup;
  let keyFile: string | undefined;
  let demoDir: string | undefined;
  if (options.setup) {
    setup = await loadSetup(options.setup);
  } else {
    output.err('Creating a demo org (key, certificate, app, user)...');
    const org = await createTestOrg({ usernames: ['demo@example.com'] });
    demoDir = await temporaryDir('sf-jwt-demo-');
    keyFile = join(demoDir, 'server.key');
    await writeFile(keyFile, org.privateKey, { mode: 0o600 });
    await writeFile(join(demoDir, 'server.crt'), org.certificate);
    setup = org.setup;
  }
  const running = await startEmulator({
    setup: withTokenPolicy(setup, options),
    controlEndpoints: true,
    ...(options.port ? { port: options.port } : {}),
    ...(options.tls ? { tls: true } : {}),
  });
  const caDir = running.ca ? await temporaryDir('sf-jwt-emulator-ca-') : undefined;
  const caFile = caDir ? join(caDir, 'emulator-ca.pem') : undefined;
  if (caFile) await writeFile(caFile, running.ca!);
  const commands = connectHints(setup, running.url, keyFile);
  const curl = caFile ? `curl --cacert ${caFile}` : 'curl';
  const control = {
    expireSessions: `${curl} -X POST ${running.url}/__emulator/sessions/expire`,
    stats: `${curl} ${running.url}/__emulator/stats`,
  };
  if (output.json) {
    output.out(
      JSON.stringify({
        ok: true,
        url: running.url,
        loginUrl: running.url,
        ...(commands[0] ? { tokenCommand: commands[0] } : {}),
        ...(caFile ? { caFile } : {}),
        commands,
        control,
      }),
    );
  } else {
    output.out(`Salesforce emulator listening on ${running.url}`);
    output.out(
      `Login URL and instance URL: ${running.url} (use it as loginUrl in sf-jwt or jsforce)`,
    );
    if (caFile)
      output.out(
        `HTTPS with a self-signed certificate: trust it with NODE_EXTRA_CA_CERTS=${caFile} (curl --cacert)`,
      );
    if (commands.length > 0) {
      output.out('Try:');
      for (const command of commands) output.out(`  ${command}`);
    }
    output.out('Control from another terminal:');
    output.out(`  expire every session: ${control.expireSessions}`);
    output.out(`  read the counters:    ${control.stats}`);
    if (keyFile) output.out('The demo key is deleted when the emulator stops.');
    output.out('Press Ctrl+C to stop.');
  }
  return async () => {
    await running.stop();
    for (const dir of [demoDir, caDir]) if (dir) await rm(dir, { recursive: true, force: true });
  };
}
