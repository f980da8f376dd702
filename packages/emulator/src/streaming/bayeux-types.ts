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

/** A faye server extension: faye passes the HTTP request when a method takes three arguments. */
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

/** faye's NodeAdapter (its Bayeux server for node:http), as far as the emulator uses it. */
export interface NodeAdapter {
  addExtension(extension: ServerExtension): void;
  handle(request: IncomingMessage, response: ServerResponse): void;
  bind(event: string, listener: (clientId: string) => void): void;
  close(): void;
}

export type NodeAdapterConstructor = new (options: {
  mount: string;
  timeout?: number;
}) => NodeAdapter;
