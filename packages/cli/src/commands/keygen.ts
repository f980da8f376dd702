import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createKeyPairAndCertificate } from '@sf-jwt/core/certificate';
import { checkTarget, UnsafeTargetError, writeNewFile } from '../files/write-new-file.js';
import type { Output } from '../output.js';

/** Options of `sf-jwt keygen`. */
export interface KeygenOptions {
  /**
   * The directory for `server.key` and `server.crt` (made if missing).
   * @defaultValue `'.'`
   */
  out?: string;
  /**
   * The certificate's common name.
   * @defaultValue `'sf-jwt'`
   */
  cn?: string;
  /**
   * Validity of the certificate in days, 1 to 3650.
   * @defaultValue 365
   */
  days?: number;
  /**
   * Replace existing files.
   * @defaultValue false
   */
  force?: boolean;
}

/**
 * Writes `server.key` (PKCS#8, mode 0600) and a self-signed `server.crt` to upload to the app:
 * each to a new file renamed into place; a symlinked target is refused, even with `force`.
 *
 * @example
 * ```ts
 * await keygen({ out: './certs', cn: 'my-integration', days: 365 }, output);
 * ```
 */
export async function keygen(options: KeygenOptions, output: Output): Promise<number> {
  const dir = resolve(options.out ?? '.');
  const keyPath = join(dir, 'server.key');
  const certPath = join(dir, 'server.crt');
  try {
    for (const path of [keyPath, certPath]) await checkTarget(path, options.force === true);
  } catch (error) {
    if (!(error instanceof UnsafeTargetError)) throw error;
    output.err(`error: ${error.message}`);
    output.err(`  fix: ${error.fix}`);
    return 1;
  }
  const days = options.days ?? 365;
  if (!Number.isInteger(days) || days < 1 || days > 3650) {
    output.err('error: --days must be a whole number from 1 to 3650.');
    return 2;
  }
  output.err(`Generating a 2048-bit RSA key and a certificate valid for ${days} days...`);
  const { privateKey, certificate } = await createKeyPairAndCertificate({
    commonName: options.cn ?? 'sf-jwt',
    days,
  });
  await mkdir(dir, { recursive: true, mode: 0o700 });
  // Both files are written in full before either is renamed into place.
  const key = await writeNewFile(keyPath, privateKey, 0o600);
  const cert = await writeNewFile(certPath, certificate, 0o644).catch(async (error: unknown) => {
    await key.discard();
    throw error;
  });
  await key.commit();
  await cert.commit();
  if (output.json) {
    output.out(JSON.stringify({ ok: true, keyFile: keyPath, certificateFile: certPath, days }));
    return 0;
  }
  output.out(`Wrote ${keyPath} (private key, mode 0600: keep it secret, never commit it)`);
  output.out(`Wrote ${certPath} (certificate to upload)`);
  output.out('');
  output.out('Next steps:');
  output.out(
    '  1. Setup > App Manager > New Connected App (or External Client App): enable OAuth,',
  );
  output.out(
    `     "Use digital signatures" with ${certPath}, scopes "api" and "refresh_token, offline_access".`,
  );
  output.out(
    '  2. Manage > Edit Policies: Permitted Users = "Admin approved users are pre-authorized";',
  );
  output.out("     assign the integration user's profile or a permission set to the app.");
  output.out('  3. Copy the Consumer Key, wait 2-10 minutes, then check everything:');
  output.out(
    `     sf-jwt doctor --client-id <consumer key> --username <user> --key-file ${keyPath} --cert ${certPath}`,
  );
  return 0;
}
