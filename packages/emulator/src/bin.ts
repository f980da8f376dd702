import { parseArgs } from 'node:util';
import { loadSetup } from './load-setup.js';
import { startEmulator } from './start-emulator.js';

const usage = 'Usage: sf-jwt-emulator --setup <file.json> [--port <n>] [--host <127.0.0.1>]';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      setup: { type: 'string' },
      port: { type: 'string', default: '0' },
      host: { type: 'string', default: '127.0.0.1' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || !values.setup) {
    console.log(usage);
    process.exitCode = values.help ? 0 : 2;
    return;
  }
  const emulator = await startEmulator({
    setup: await loadSetup(values.setup),
    port: Number(values.port),
    host: values.host,
    controlEndpoints: true,
  });
  console.log(`Salesforce emulator listening on ${emulator.url}`);
  console.log(`Expire every session: curl -X POST ${emulator.url}/__emulator/sessions/expire`);
  console.log(`Read the counters:    curl ${emulator.url}/__emulator/stats`);
  const stop = () => {
    void emulator.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`[sf-jwt emulator] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
