import { createServer, type IncomingMessage, type RequestListener } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { EmulatorSetup } from '../org/setup.js';
import { type PubSubInfo, startPubSubServer } from '../pubsub/pubsub-server.js';
import { createControl, type EmulatorControl } from '../state/emulator-control.js';
import { EmulatorState } from '../state/emulator-state.js';
import { publishPushTopics } from '../streaming/push-topic-publisher.js';
import { createStreamingEndpoint, type StreamingControl } from '../streaming/streaming-endpoint.js';
import { handleRequest } from './handle-request.js';
import { createLoopbackCertificate } from './loopback-certificate.js';
import { encodeResponse } from './response-compression.js';

export type { PubSubInfo };

/** Options for {@link startEmulator}. */
export interface StartEmulatorOptions {
  setup: EmulatorSetup;
  /** Default 0: a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /**
   * The clock; the setup's clockOffsetMs is added to it.
   * @defaultValue Date.now
   */
  now?: () => number;
  /**
   * Serve `POST /__emulator/sessions/expire`, `GET /__emulator/stats` and
   * `POST /__emulator/stats/reset`, for control from outside the process.
   * @defaultValue false
   */
  controlEndpoints?: boolean;
  /**
   * What `/services/apexrest/*` answers: by default 400 FUNCTIONALITY_NOT_ENABLED, "not supported
   * by the emulator" (there is no Apex to run); `'echo'` opts in to an echo of the request
   * (method, path, query, body, username) for tests that need a working Apex REST surface.
   * @defaultValue 'not-supported'
   */
  apexRest?: 'not-supported' | 'echo';
  /**
   * Also serve the Pub/Sub API (gRPC over TLS, on its own port of the same host) over the
   * Streaming API's event log; `keepAliveMs` is the interval of its empty keep-alive responses
   * (Salesforce sends one within 270 s).
   * @defaultValue false (keepAliveMs: 270000)
   */
  pubsub?: boolean | { keepAliveMs?: number };
  /**
   * Serve HTTPS instead of HTTP, as Salesforce does: a self-signed certificate for `127.0.0.1`,
   * `localhost` and `::1` is made at start, the login, instance and identity URLs are `https://`,
   * and the certificate to trust is the handle's `ca`.
   * @defaultValue false (plain HTTP)
   */
  tls?: boolean;
}

/** A running emulator: its URL, its controls, and stop(). */
export interface RunningEmulator extends EmulatorControl, StreamingControl {
  /** `http://127.0.0.1:<port>` (`https://` with `tls`): the login URL and the instance URL. */
  url: string;
  /**
   * With `tls`, the server's self-signed certificate (PEM), which clients must trust: write it to
   * a file named by `NODE_EXTRA_CA_CERTS`, or pass it as `ca` to an undici or `https` agent.
   */
  ca: string | undefined;
  /** The Pub/Sub API, when started with `pubsub`: its gRPC target and TLS certificate. */
  pubsub: PubSubInfo | undefined;
  stop(): Promise<void>;
}

const MAX_BODY = 10 * 1024 * 1024;
/** How long an idle keep-alive connection stays open. */
const KEEP_ALIVE_MS = 120_000;

/**
 * Starts the emulator as a real HTTP server on loopback.
 *
 * @example
 * ```ts
 * const org = await createTestOrg();
 * const emulator = await startEmulator({ setup: org.setup });
 * // ... emulator.url is the loginUrl; emulator.stats().tokenExchanges counts logins
 * await emulator.stop();
 * ```
 */
export async function startEmulator(options: StartEmulatorOptions): Promise<RunningEmulator> {
  const state = new EmulatorState(options.setup, {
    ...(options.now ? { now: options.now } : {}),
    controlEndpoints: options.controlEndpoints ?? false,
    ...(options.apexRest ? { apexRest: options.apexRest } : {}),
  });
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const streaming = createStreamingEndpoint(state);
  state.changes.publisher = streaming.control.publishEvent;
  const stopPushTopics = publishPushTopics(state, streaming.publishChange);
  const tls = options.tls ? await createLoopbackCertificate() : undefined;
  const scheme = tls ? 'https' : 'http';
  const listener: RequestListener = async (req, res) => {
    if (streaming.handles(req)) return streaming.handle(req, res);
    const multipart = (req.headers['content-type'] ?? '').startsWith('multipart/');
    const body = await readBody(req, multipart ? 'latin1' : 'utf8').catch(() => undefined);
    if (body === undefined) {
      res.writeHead(413).end();
      return;
    }
    const url = new URL(req.url ?? '/', `${scheme}://${req.headers.host ?? 'localhost'}`);
    const headers = Object.fromEntries(
      Object.entries(req.headers).map(([name, value]) => [
        name,
        Array.isArray(value) ? value.join(', ') : (value ?? ''),
      ]),
    );
    const response = handleRequest(state, { method: req.method ?? 'GET', url, headers, body });
    const send = () => {
      if (response.drop) {
        req.socket.destroy();
        return;
      }
      const encoded = encodeResponse(response, req.headers['accept-encoding']);
      res.writeHead(response.status, encoded.headers).end(encoded.body);
    };
    if (!response.delayMs) return send();
    const timer = setTimeout(() => {
      timers.delete(timer);
      send();
    }, response.delayMs);
    timers.add(timer);
  };
  const server = tls
    ? createTlsServer({ key: tls.privateKey, cert: tls.certificate }, listener)
    : createServer(listener);
  // Node closes an idle keep-alive connection after 5 s by default; a client that pauses longer
  // would meet "other side closed". Salesforce keeps them far longer.
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 5_000;
  server.on('connection', (socket) => {
    state.stats.connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Salesforce takes a burst of thousands of new connections; with Node's default backlog (511)
    // a storm of calls (bench/heal-storm.ts) overflows it and clients wait for SYN retransmits.
    const backlog = 4096;
    server.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1', backlog }, resolve);
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `${scheme}://${host}:${address.port}`;
  state.setInstanceUrl(url);
  const pubsub = options.pubsub
    ? await startPubSubServer(state, streaming, {
        host: address.address,
        keepAliveMs: (typeof options.pubsub === 'object' && options.pubsub.keepAliveMs) || 270_000,
      })
    : undefined;
  return {
    url,
    ca: tls?.certificate,
    pubsub: pubsub
      ? {
          endpoint: pubsub.endpoint,
          certificate: pubsub.certificate,
          failNextSubscribes: pubsub.failNextSubscribes,
        }
      : undefined,
    ...createControl(state),
    ...streaming.control,
    stop: async () => {
      await pubsub?.stop();
      stopPushTopics();
      streaming.close();
      for (const timer of timers) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function readBody(req: IncomingMessage, encoding: BufferEncoding): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString(encoding);
}
