/**
 * The emulator in a process of its own, for benches whose client side is measured
 * (bench/heal-storm.ts) and for tests of a client whose server is not in its event loop: the
 * emulator's work then runs on its own thread. Started by `startEmulatorProcess()`
 * (emulator-child.ts) through `fork`; it sends the org's config (with the generated private key)
 * over IPC only, never to a file, and answers `expire`, `stats` and `stop` messages.
 */
import { startTestOrg } from '../../packages/emulator/src/index.js';

/** A command from the parent, answered with the same `id`. */
export type EmulatorCommand = { id: number; type: 'expire' | 'stats' | 'stop' };

const { emulator, config } = await startTestOrg();
const send = (message: unknown) => process.send?.(message);
send({ type: 'ready', config });

process.on('message', (command: EmulatorCommand) => {
  if (command.type === 'expire') {
    emulator.expireSessions();
    send({ id: command.id });
  } else if (command.type === 'stats') {
    send({ id: command.id, stats: emulator.stats() });
  } else if (command.type === 'stop') {
    void emulator.stop().then(() => {
      send({ id: command.id });
      process.disconnect();
    });
  }
});
// The parent died or let go: nothing else would stop this server.
process.on('disconnect', () => {
  void emulator.stop().finally(() => process.exit(0));
});
