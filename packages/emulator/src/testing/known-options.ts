import { EmulatorError } from '../state/emulator-error.js';

/**
 * Throws `invalid_setup` for an option `known` does not name, so a typo (`userNames`,
 * `emulator: { prot: 0 }`) fails at once instead of being ignored. `known` is a record with a
 * key per option, so the compiler keeps it in step with the options' interface.
 */
export function refuseUnknownOptions(
  given: object,
  known: Record<string, true>,
  where: string,
): void {
  const unknown = Object.keys(given).filter((name) => !Object.hasOwn(known, name));
  if (unknown.length === 0) return;
  throw new EmulatorError(
    'invalid_setup',
    `${where} has no option ${unknown.map((name) => JSON.stringify(name)).join(', ')}; its options are ${Object.keys(known).join(', ')}`,
  );
}
