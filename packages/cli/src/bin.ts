import { Command, InvalidArgumentError } from 'commander';
import { doctor } from './commands/doctor.js';
import { keygen } from './commands/keygen.js';
import { token } from './commands/token.js';
import { type ConnectionFlags, withEnvironment } from './options.js';
import { consoleOutput } from './output.js';

const integer = (value: string) => {
  const parsed = Number(value);
  if (!Number.isInteger(parsed)) throw new InvalidArgumentError('not a whole number');
  return parsed;
};

const program = new Command('sf-jwt')
  .description(
    'Salesforce OAuth 2.0 JWT Bearer flow: keys, tokens, diagnosis, and a local emulator.',
  )
  .option('--json', 'machine-readable output')
  .option('--verbose', 'show error causes');

const globals = () => program.opts<{ json?: boolean; verbose?: boolean }>();
const output = () => consoleOutput(globals().json === true, globals().verbose === true);

function connectionOptions(command: Command): Command {
  return command
    .option('--client-id <key>', 'Consumer Key of the connected app (SF_JWT_CLIENT_ID)')
    .option('--username <name>', 'Salesforce username (SF_JWT_USERNAME)')
    .option('--key-file <path>', 'private key PEM file (SF_JWT_KEY_FILE)')
    .option(
      '--key-env <name>',
      'environment variable holding the private key PEM (default SF_JWT_PRIVATE_KEY)',
    )
    .option('--passphrase <text>', 'passphrase of an encrypted key (SF_JWT_PASSPHRASE)')
    .option(
      '--login-url <url>',
      'login host: https://login.salesforce.com, test, My Domain or site (SF_JWT_LOGIN_URL)',
    )
    .option('--sandbox', 'use https://test.salesforce.com (SF_JWT_SANDBOX)')
    .option('--audience <url|my-domain>', 'pin the aud claim (SF_JWT_AUDIENCE)');
}

program
  .command('keygen')
  .description('write server.key (PKCS#8, 0600) and a self-signed server.crt to upload to the app')
  .option('--out <dir>', 'directory to write to', '.')
  .option('--cn <name>', 'certificate common name', 'sf-jwt')
  .option('--days <n>', 'certificate validity in days', integer, 365)
  .option('--force', 'replace existing files')
  .action(async (options) => {
    process.exitCode = await keygen(options, output());
  });

connectionOptions(program.command('token'))
  .description('exchange a signed assertion and print the access token and instance URL')
  .action(async (flags: ConnectionFlags) => {
    process.exitCode = await token(withEnvironment(flags, process.env), output(), process.env);
  });

connectionOptions(program.command('doctor'))
  .description('check a setup step by step: key, certificate, audience, clock, exchange')
  .option('--cert <path>', 'the certificate uploaded to the app (SF_JWT_CERT_FILE)')
  .action(async (flags: ConnectionFlags) => {
    process.exitCode = await doctor(withEnvironment(flags, process.env), output(), process.env);
  });

program
  .command('emulator')
  .description('run a local Salesforce emulator (a demo org when no setup is given)')
  .option('--setup <file>', 'setup JSON (apps, users, records)')
  .option('--port <n>', 'port on 127.0.0.1', integer)
  .option(
    '--jwt-access-tokens',
    'every app issues JWT-based access tokens (REST takes them; SOAP, Metadata, Bulk 1.0 from v68.0)',
  )
  .option(
    '--access-token-lifetime <seconds>',
    "lifetime of a JWT-based access token (the app's token policy; default 1800)",
    integer,
  )
  .option('--tls', 'serve HTTPS with a self-signed certificate (written to a file to trust)')
  .action(async (options) => {
    // Loaded on demand: the emulator (and its dependencies) stay out of keygen, token and doctor.
    const { emulator } = await import('./commands/emulator.js');
    const stop = await emulator(options, output());
    const shutdown = () => {
      void stop().then(() => process.exit(0));
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`error: ${(error as Error).message}\n`);
  process.exitCode = 1;
});
