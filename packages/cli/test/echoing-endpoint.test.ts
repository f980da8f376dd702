import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKeyPairAndCertificate } from '@sf-jwt/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './harness.js';

// A token endpoint (or a proxy in front of one) that echoes its input into every error field.
let server: Server;
let url: string;
let dir: string;
let keyFile: string;
let certFile: string;
let echoed = 0;

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const assertion = new URLSearchParams(body).get('assertion') ?? '';
      if (assertion) echoed += 1;
      response.writeHead(400, {
        'content-type': 'application/json',
        date: new Date().toUTCString(),
      });
      response.end(
        JSON.stringify({ error: assertion || 'invalid_request', error_description: body }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const { privateKey, certificate } = await createKeyPairAndCertificate();
  dir = mkdtempSync(join(tmpdir(), 'sf-jwt-echo-'));
  keyFile = join(dir, 'server.key');
  certFile = join(dir, 'server.crt');
  writeFileSync(keyFile, privateKey, { mode: 0o600 });
  writeFileSync(certFile, certificate);
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await new Promise((resolve) => server.close(resolve));
});

const flags = () => [
  '--client-id',
  '3MVG9-echo',
  '--username',
  'echo@example.com',
  '--key-file',
  keyFile,
  '--login-url',
  url,
];

describe('an endpoint that echoes the assertion', () => {
  it.each([
    ['token --json', () => ['token', ...flags(), '--json']],
    ['token', () => ['token', ...flags()]],
    ['doctor --json', () => ['doctor', ...flags(), '--cert', certFile, '--json']],
    ['doctor', () => ['doctor', ...flags(), '--cert', certFile]],
  ])('%s prints no part of it', async (_name, args) => {
    const before = echoed;
    const result = await runCli(args());
    expect(result.code).not.toBe(0);
    expect(echoed).toBeGreaterThan(before); // the assertion really went out and came back
    const output = result.stdout + result.stderr;
    expect(output).not.toMatch(/eyJ[\w-]{8,}/);
    expect(output).toContain('[redacted]');
  });
});
