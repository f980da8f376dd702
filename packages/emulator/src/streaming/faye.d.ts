// The parts of faye 1.4 (CommonJS, untyped) the emulator's Streaming endpoint uses.
declare module 'faye' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  /** One Bayeux message, as faye passes it through server extensions. */
  export interface BayeuxMessage {
    channel: string;
    id?: string;
    clientId?: string;
    successful?: boolean;
    error?: string;
    subscription?: string | string[];
    data?: unknown;
    ext?: Record<string, unknown>;
    advice?: Record<string, unknown>;
    supportedConnectionTypes?: string[];
    [key: string]: unknown;
  }

  export type ExtensionCallback = (message: BayeuxMessage) => void;

  /** A server extension: faye passes the HTTP request when a method takes three arguments. */
  export interface ServerExtension {
    incoming?(
      message: BayeuxMessage,
      request: IncomingMessage | null,
      callback: ExtensionCallback,
    ): void;
    outgoing?(
      message: BayeuxMessage,
      request: IncomingMessage | null,
      callback: ExtensionCallback,
    ): void;
  }

  export class NodeAdapter {
    constructor(options: { mount: string; timeout?: number });
    addExtension(extension: ServerExtension): void;
    handle(request: IncomingMessage, response: ServerResponse): void;
    bind(event: string, listener: (clientId: string, channel?: string) => void): void;
    close(): void;
  }

  /** faye's client (jsforce's Streaming client is one); the emulator does not use it. */
  export class Client {
    constructor(endpoint: string, options?: Record<string, unknown>);
  }
  export class Subscription {}

  const faye: { NodeAdapter: typeof NodeAdapter; Client: typeof Client; VERSION: string };
  export default faye;
}
