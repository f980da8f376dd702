export { doctor } from './commands/doctor.js';
export { type EmulatorOptions, emulator } from './commands/emulator.js';
export { type KeygenOptions, keygen } from './commands/keygen.js';
export { token } from './commands/token.js';
export type { CheckResult } from './doctor/doctor-checks.js';
export type { ConnectionFlags } from './options.js';
export { consoleOutput, type Output } from './output.js';
