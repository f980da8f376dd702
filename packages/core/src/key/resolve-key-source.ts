import { KEY_CHECK_INTERVAL_MS } from '../config/defaults.js';
import type { JwtBearerConfig } from '../config/jwt-bearer-config.js';
import { KeyFileSource } from './key-file-source.js';
import { fixedKeySource, type KeySource } from './key-source.js';
import { loadPrivateKey } from './load-private-key.js';

/**
 * The key in use for a config: a `privateKeyFile` is followed through rotation (key-file-source.ts);
 * a `privateKey` (PEM or KeyObject) is parsed once and fixed.
 */
export function resolveKeySource(
  config: JwtBearerConfig,
  onNewlinesReplaced: () => void,
): KeySource {
  if (
    config.privateKey !== undefined ||
    typeof config.privateKeyFile !== 'string' ||
    config.privateKeyFile.trim() === ''
  ) {
    return fixedKeySource(loadPrivateKey(config, onNewlinesReplaced));
  }
  return new KeyFileSource({
    path: config.privateKeyFile,
    passphrase: config.passphrase,
    strict: config.strictKeyPermissions === true,
    logger: config.logger,
    monotonicNow: config.monotonicNow ?? (() => performance.now()),
    checkIntervalMs: config.keyCheckIntervalMs ?? KEY_CHECK_INTERVAL_MS,
  });
}
