import pkcs11js from 'pkcs11js';

// One loaded module per library path for the process: PKCS#11 is initialised once per process,
// and every signer and key generation on that library shares it.
const modules = new Map<string, pkcs11js.PKCS11>();

/** The loaded, initialised PKCS#11 module of `library` (initialised again after a finalize). */
export function moduleFor(library: string): pkcs11js.PKCS11 {
  let module = modules.get(library);
  if (!module) {
    module = new pkcs11js.PKCS11();
    module.load(library);
    modules.set(library, module);
  }
  try {
    module.C_Initialize();
  } catch (error) {
    if (codeOf(error) !== pkcs11js.CKR_CRYPTOKI_ALREADY_INITIALIZED) throw error;
  }
  return module;
}

/** The CKR_ return value of a pkcs11js error, 0 when it has none. */
export function codeOf(error: unknown): number {
  return typeof (error as { code?: unknown })?.code === 'number'
    ? (error as { code: number }).code
    : 0;
}

/** A CKR_ value's name, e.g. `CKR_SESSION_HANDLE_INVALID`. */
export function ckrName(code: number): string {
  for (const [name, value] of Object.entries(pkcs11js)) {
    if (name.startsWith('CKR_') && value === code) return name;
  }
  return `CKR 0x${code.toString(16)}`;
}

/** The slot whose token has this label, or undefined (no such token, or it is unplugged). */
export function slotOf(module: pkcs11js.PKCS11, tokenLabel: string): pkcs11js.Handle | undefined {
  return module
    .C_GetSlotList(true)
    .find((slot) => module.C_GetTokenInfo(slot).label.trim() === tokenLabel);
}

/** A logged-in read-write session on the token (already logged in is fine). */
export function openSession(
  module: pkcs11js.PKCS11,
  slot: pkcs11js.Handle,
  pin: string,
): pkcs11js.Handle {
  const session = module.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION | pkcs11js.CKF_RW_SESSION);
  try {
    module.C_Login(session, pkcs11js.CKU_USER, pin);
  } catch (error) {
    if (codeOf(error) !== pkcs11js.CKR_USER_ALREADY_LOGGED_IN) {
      module.C_CloseSession(session);
      throw error;
    }
  }
  return session;
}

/** The first object of `objectClass` labelled `label`, or undefined. */
export function findObject(
  module: pkcs11js.PKCS11,
  session: pkcs11js.Handle,
  objectClass: number,
  label: string,
): pkcs11js.Handle | undefined {
  module.C_FindObjectsInit(session, [
    { type: pkcs11js.CKA_CLASS, value: objectClass },
    { type: pkcs11js.CKA_LABEL, value: label },
  ]);
  try {
    return module.C_FindObjects(session) ?? undefined;
  } finally {
    module.C_FindObjectsFinal(session);
  }
}
