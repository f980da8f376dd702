const BRAND = Symbol.for('sf-jwt.EmulatorError');

/** Why the emulator refused a setup or a control call. */
export type EmulatorErrorCode = 'invalid_setup' | 'not_found';

/**
 * The error the emulator throws for a setup it cannot use or a control call on something the org
 * does not hold. `code` is stable; the message names what to fix.
 *
 * @example
 * ```ts
 * try {
 *   emulator.updateUser('nobody@example.com', { active: false });
 * } catch (error) {
 *   if (EmulatorError.isInstance(error) && error.code === 'not_found') console.error(error.message);
 * }
 * ```
 */
export class EmulatorError extends Error {
  readonly code: EmulatorErrorCode;

  constructor(code: EmulatorErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(`[sf-jwt emulator] ${message}`, options);
    this.name = new.target.name;
    this.code = code;
    Object.defineProperty(this, BRAND, { value: true, enumerable: false });
  }

  /**
   * True for an EmulatorError from any copy of this package (`instanceof` fails across copies).
   *
   * @example
   * ```ts
   * if (EmulatorError.isInstance(error)) console.error(error.code);
   * ```
   */
  static isInstance(value: unknown): value is EmulatorError {
    return typeof value === 'object' && value !== null && BRAND in value;
  }
}
