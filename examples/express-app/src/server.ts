import { createApp } from './app.js';
import { orgConfig } from './org-config.js';

const { config, emulator } = await orgConfig(process.env);
const port = Number(process.env.PORT ?? 3000);
const server = createApp(config).listen(port, '127.0.0.1', () => {
  console.log(
    `demo app on http://127.0.0.1:${port} (${emulator ? `emulator at ${emulator.url}` : config.loginUrl})`,
  );
  console.log(`try: curl http://127.0.0.1:${port}/accounts`);
});
const stop = () =>
  server.close(() => void (emulator?.stop() ?? Promise.resolve()).then(() => process.exit(0)));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
