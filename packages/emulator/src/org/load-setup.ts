import { readFile } from 'node:fs/promises';
import { EmulatorError } from '../state/emulator-error.js';
import type { EmulatorSetup } from './setup.js';

/**
 * Reads an {@link EmulatorSetup} from a JSON file.
 *
 * @example
 * ```ts
 * const emulator = await startEmulator({ setup: await loadSetup('./org.json') });
 * ```
 */
export async function loadSetup(file: string): Promise<EmulatorSetup> {
  const setup = JSON.parse(await readFile(file, 'utf8')) as EmulatorSetup;
  if (!Array.isArray(setup.apps) || !Array.isArray(setup.users)) {
    throw new EmulatorError('invalid_setup', `${file} needs "apps" and "users" arrays`);
  }
  return setup;
}
