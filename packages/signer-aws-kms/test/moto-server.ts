import { type ChildProcess, spawn } from 'node:child_process';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { commandRuns } from '../../../test/support/command-runs.js';

/** How to get moto_server on PATH. */
export const INSTALL_MOTO =
  "install moto's server (`pip install 'moto[server]'`) so that `moto_server` is on PATH";

/** Whether `moto_server` is on PATH. */
export const hasMotoServer = () => commandRuns('moto_server', ['--help']);

/** moto_server as a prerequisite of a test file (`skipWithout` of test/support/skip-without.ts). */
export const MOTO = { name: 'moto_server', install: INSTALL_MOTO, available: hasMotoServer };

/** moto's server on 127.0.0.1, a port of its own: a local KMS. Fake credentials; AWS is never contacted. */
export interface MotoServer {
  url: string;
  stop(): Promise<void>;
}

/** What Werkzeug (moto's server) prints on stderr once its socket listens. */
const LISTENING = /Running on (http:\/\/127\.0\.0\.1:\d+)/;

/**
 * Starts moto_server on port 0 (the kernel picks a free one: no window in which another process
 * can take it) and reads the port from the line it prints once listening. Bounded: 30 s, and a
 * moto_server that exits first fails at once.
 */
export async function startMoto(): Promise<MotoServer> {
  if (!hasMotoServer()) {
    throw new Error(`moto_server is not installed: ${INSTALL_MOTO} (.ci/run installs it).`);
  }
  const child: ChildProcess = spawn('moto_server', ['-H', '127.0.0.1', '-p', '0'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  try {
    const url = await listeningUrl(child);
    return { url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function listeningUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let printed = '';
    const timer = setTimeout(
      () => fail(new Error('moto_server did not listen within 30 s')),
      30_000,
    );
    const onData = (chunk: Buffer) => {
      printed = (printed + chunk.toString('utf8')).slice(-4096);
      const match = LISTENING.exec(printed);
      if (!match) return;
      done();
      child.stderr!.resume(); // keep draining its request log, unread
      resolve(match[1]!);
    };
    const onExit = (code: number | null) => fail(new Error(`moto_server exited with ${code}`));
    const done = () => {
      clearTimeout(timer);
      child.stderr!.off('data', onData);
      child.off('exit', onExit);
    };
    const fail = (error: Error) => {
      done();
      reject(error);
    };
    child.stderr!.on('data', onData);
    child.once('exit', onExit);
  });
}

/** Fake credentials for moto; set so the SDK never looks for real ones. */
export const FAKE_AWS = {
  region: 'us-east-1',
  credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
};

/** Creates an RSA_2048 SIGN_VERIFY key in moto's KMS and returns its id. */
export async function createKmsKey(endpoint: string): Promise<string> {
  const admin = new KMSClient({ ...FAKE_AWS, endpoint });
  const { KeyMetadata } = await admin.send(
    new CreateKeyCommand({ KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' }),
  );
  return KeyMetadata!.KeyId!;
}
