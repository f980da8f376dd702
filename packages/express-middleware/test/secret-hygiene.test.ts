import { inspect } from 'node:util';
import { type JwtBearerConfig, JwtBearerStrategy, SalesforceAuthError } from '@sf-jwt/core';
import {
  createKeyPairAndCertificate,
  type RunningEmulator,
  startTestOrg,
  type TestOrg,
} from '@sf-jwt/emulator';
import { createConnection } from '@sf-jwt/jsforce-adapter';
import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { errorHandler, salesforce, salesforceHandler } from '../src/index.js';

// Every secret the run handles, recorded at the wire: assertions sent, tokens received, key bytes.
const assertions: string[] = [];
const tokens: string[] = [];
const recordingFetch: typeof fetch = async (input, init) => {
  const assertion = new URLSearchParams(String(init?.body ?? '')).get('assertion');
  if (assertion) assertions.push(assertion);
  const response = await fetch(input, init);
  const body = await response.clone().text();
  const token = /"access_token":"([^"]+)"/.exec(body)?.[1];
  if (token) tokens.push(token);
  return response;
};

// Everything the run says anywhere a person or a log could see it.
const seen: string[] = [];
const see = (value: unknown) => {
  if (SalesforceAuthError.isInstance(value)) {
    seen.push(
      value.message,
      JSON.stringify(value),
      inspect(value, { depth: 5 }),
      String(value.stack),
      value.hint,
    );
  } else if (value instanceof Error) {
    seen.push(value.message, inspect(value, { depth: 5 }));
  } else {
    seen.push(typeof value === 'string' ? value : inspect(value, { depth: 5 }));
  }
};

let org: TestOrg;
let emulator: RunningEmulator;
let config: JwtBearerConfig;
let wrongKey: string;

beforeAll(async () => {
  ({ org, emulator } = await startTestOrg());
  wrongKey = (await createKeyPairAndCertificate()).privateKey;
  config = {
    clientId: org.clientId,
    username: org.username,
    privateKey: org.privateKey,
    loginUrl: emulator.url,
    fetch: recordingFetch,
    retry: { retries: 1, minTimeoutMs: 1, maxTimeoutMs: 2 },
  };
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    vi.spyOn(stream, 'write').mockImplementation((chunk: unknown, ...rest: unknown[]) => {
      seen.push(String(chunk));
      return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
    });
  }
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const original = console[method].bind(console);
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      args.forEach(see);
      original(...args);
    });
  }
});
afterAll(async () => {
  vi.restoreAllMocks();
  await emulator.stop();
});

function watch(strategy: JwtBearerStrategy): JwtBearerStrategy {
  strategy.on('token', see);
  strategy.on('refresh', see);
  strategy.on('error', see);
  return strategy;
}

describe('secret hygiene across core, adapter and middleware at the most verbose logging', () => {
  it('runs the scenarios', async () => {
    // core: success, forced and rejected refresh, and failures
    const strategy = watch(new JwtBearerStrategy(config));
    const first = await strategy.getToken();
    await strategy.refresh(first.accessToken);
    await strategy.refresh();
    await watch(new JwtBearerStrategy({ ...config, privateKey: wrongKey }))
      .getToken()
      .catch(see);
    await watch(new JwtBearerStrategy({ ...config, clientId: 'nope' }))
      .getToken()
      .catch(see);
    try {
      new JwtBearerStrategy({ ...config, privateKey: `${org.privateKey.slice(0, 200)}` });
    } catch (error) {
      see(error);
    }

    // adapter: jsforce at DEBUG, a healed expiry, a loop stopped, a failed refresh
    const conn = await createConnection(watch(new JwtBearerStrategy(config)), {
      logLevel: 'DEBUG',
    });
    await conn.query('SELECT Id FROM Account');
    emulator.expireSessions();
    await conn.query('SELECT Id FROM Account');
    emulator.injectFault({ endpoint: 'rest', mode: 'reject-session', times: 3 });
    await Promise.resolve(conn.query('SELECT Id FROM Account')).catch(see);
    emulator.clearFaults();

    // middleware: error bodies for 500, 503 and 401
    const app = express();
    app.get(
      '/ok',
      salesforce(config),
      salesforceHandler((req, res) => {
        res.json({ instance: req.sf.instanceUrl });
      }),
    );
    app.get('/wrong-key', salesforce({ ...config, privateKey: wrongKey }), (_req, res) => {
      res.json({});
    });
    app.get(
      '/down',
      salesforce({ ...config, loginUrl: emulator.url.replace('127.0.0.1', 'localhost') }),
      (_req, res) => {
        res.json({});
      },
    );
    app.get('/nobody', salesforce(config, { subject: () => undefined }), (_req, res) => {
      res.json({});
    });
    app.use(errorHandler());
    emulator.injectFault({ endpoint: 'token', mode: 'html-503' });
    for (const path of ['/wrong-key', '/down', '/nobody']) {
      const response = await request(app).get(path);
      expect(response.status).toBeGreaterThanOrEqual(400);
      seen.push(response.text, JSON.stringify(response.headers));
    }
    emulator.clearFaults();
    seen.push((await request(app).get('/ok')).text);
  });

  it('finds none of the tokens, assertions or key material it used', () => {
    const keyLines = [org.privateKey, wrongKey].flatMap((pem) =>
      pem.split('\n').filter((line) => line.length >= 40),
    );
    const secrets = [...new Set([...tokens, ...assertions, ...keyLines])];
    expect(tokens.length).toBeGreaterThanOrEqual(4);
    expect(assertions.length).toBeGreaterThanOrEqual(6);
    expect(seen.length).toBeGreaterThan(20);
    const everything = seen.join('\n');
    const found = secrets.filter((secret) => everything.includes(secret));
    expect(found.length, `secrets found in output: ${found.length}`).toBe(0);
    process.stdout.write(
      `secret hygiene: ${secrets.length} secrets (${tokens.length} tokens, ${assertions.length} assertions, ${keyLines.length} key lines) scanned across ${seen.length} outputs, ${found.length} found\n`,
    );
  });
});
