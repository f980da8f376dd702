import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';

/** How to get moto_server on PATH. */
export const INSTALL_MOTO =
  "install moto's server (`pip install 'moto[server]'`) so that `moto_server` is on PATH";

/** Whether `moto_server` is on PATH. */
export function hasMotoServer(): boolean {
  try {
    execFileSync('moto_server', ['--help'], { stdio: 'ignore', timeout: 30_000 });
    return true;
  } catch {
    return false;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** moto's server on 127.0.0.1, a free port: a local KMS. Fake credentials; AWS is never contacted. */
export interface MotoServer {
  url: string;
  stop(): Promise<void>;
}

export async function startMoto(): Promise<MotoServer> {
  if (!hasMotoServer()) {
    throw new Error(`moto_server is not installed: ${INSTALL_MOTO} (.ci/run installs it).`);
  }
  const port = await freePort();
  const child: ChildProcess = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], {
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  // Bounded: 200 polls of 50 ms (moto imports its services on start).
  for (let attempt = 0; attempt < 200; attempt += 1) {
    try {
      if ((await fetch(`${url}/moto-api/`)).status < 500) break;
    } catch {}
    if (child.exitCode !== null) throw new Error(`moto_server exited with ${child.exitCode}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
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
