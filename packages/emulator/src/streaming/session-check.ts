import type { IncomingMessage } from 'node:http';
import type { EmulatorState } from '../state/emulator-state.js';
import type { BayeuxMessage, ExtensionCallback, ServerExtension } from './bayeux-types.js';

/** Salesforce's reasons, as its CometD server words them. */
export const AUTHENTICATION_INVALID = '401::Authentication invalid';
export const AUTHENTICATION_REQUIRED = '401::Request requires authentication';
export const HANDSHAKE_DENIED = '403::Handshake denied';

/** Who sent a Bayeux request, once its session was checked. */
export interface BayeuxCaller {
  username: string;
}

/**
 * The session check, as a faye server extension: every message of a POST is checked against the
 * `Authorization: Bearer|OAuth <token>` header (each check extends the session, as a connected
 * CometD client does on Salesforce). A message without a live session is refused, and its reply
 * is shaped as Salesforce shapes it: on `/meta/handshake` `403::Handshake denied` with the reason
 * in `ext.sfdc.failureReason`, on other meta channels the reason itself; both with
 * `advice.reconnect: none`, which jsforce's `StreamingExtension.AuthFailure` detects.
 */
export class SessionCheck implements ServerExtension {
  readonly #refused = new WeakMap<IncomingMessage, string>();
  readonly #callers = new WeakMap<IncomingMessage, BayeuxCaller>();

  constructor(
    private readonly state: EmulatorState,
    private readonly onRefused: (message: BayeuxMessage) => void,
  ) {}

  /** The caller of a request whose session was live. */
  callerOf(request: IncomingMessage): BayeuxCaller | undefined {
    return this.#callers.get(request);
  }

  incoming(
    message: BayeuxMessage,
    request: IncomingMessage | null,
    callback: ExtensionCallback,
  ): void {
    if (request === null) {
      // faye's own in-process client
      callback(message);
      return;
    }
    const header = request.headers.authorization ?? '';
    const token = /^(?:Bearer|OAuth)\s+(.+)$/i.exec(header)?.[1];
    const session = this.state.sessions.use(token);
    if (session) {
      this.#callers.set(request, { username: session.user.username });
      callback(message);
      return;
    }
    const reason = token ? AUTHENTICATION_INVALID : AUTHENTICATION_REQUIRED;
    this.#refused.set(request, reason);
    this.onRefused(message);
    message.error = reason; // faye copies it into the reply and does nothing else
    callback(message);
  }

  outgoing(
    message: BayeuxMessage,
    request: IncomingMessage | null,
    callback: ExtensionCallback,
  ): void {
    const reason = request ? this.#refused.get(request) : undefined;
    if (!reason || !message.channel.startsWith('/meta/')) {
      callback(message);
      return;
    }
    message.successful = false;
    if (message.channel === '/meta/handshake') {
      message.error = HANDSHAKE_DENIED;
      message.ext = { ...message.ext, sfdc: { failureReason: reason }, replay: true };
      message.advice = { reconnect: 'none' };
    } else {
      message.error = reason;
      if (message.channel === '/meta/connect') message.advice = { reconnect: 'none', interval: 0 };
    }
    callback(message);
  }
}
