import type { StreamingEvent } from './healing-subscription.js';

/** The parts of jsforce's Faye client used here (jsforce types it as faye's untyped Client). */
export interface FayeSubscription extends PromiseLike<unknown> {
  cancel(): void;
}
export interface FayeClient {
  subscribe(channel: string, listener: (data: StreamingEvent) => void): FayeSubscription;
}

/** faye 1.4 internals that {@link stopFayeClient} reaches (faye has no public way to stop). */
interface FayeInternals {
  _state: number;
  DISCONNECTED: number;
  _advice: { reconnect?: string };
  _responseCallbacks?: Map<unknown, unknown>;
  _sendMessage: () => void;
  _dispatcher?: {
    sendMessage: () => void;
    selectTransport: () => void;
    _envelopes?: Map<
      unknown,
      { timer?: ReturnType<typeof setTimeout> | null; request?: PromiseLike<unknown> | null }
    >;
    close(): void;
  };
}

/**
 * Stops a faye client at once, whatever its state: faye's own `disconnect()` does nothing unless
 * the client is connected, and it sends a request. This marks the client disconnected (every
 * pending faye timer finds it so and does nothing), makes it unable to send, clears the
 * dispatcher's request timers, destroys the requests in flight and closes the transport. No
 * message is sent. The client is unusable afterwards.
 */
export function stopFayeClient(client: FayeClient): void {
  const faye = client as unknown as FayeInternals;
  faye._state = faye.DISCONNECTED;
  faye._advice.reconnect = 'none';
  faye._responseCallbacks?.clear();
  // A message on its way through the extensions, or a transport being selected, would still send.
  faye._sendMessage = () => {};
  const dispatcher = faye._dispatcher;
  if (dispatcher) {
    dispatcher.sendMessage = () => {};
    dispatcher.selectTransport = () => {};
  }
  for (const envelope of dispatcher?._envelopes?.values() ?? []) {
    if (envelope.timer) clearTimeout(envelope.timer);
    envelope.request?.then((request) =>
      (request as { destroy?: () => void } | undefined)?.destroy?.(),
    );
  }
  dispatcher?._envelopes?.clear();
  dispatcher?.close();
}
