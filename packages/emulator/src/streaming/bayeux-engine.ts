import type { BayeuxMessage, NodeAdapter } from './bayeux-types.js';

/** The part of faye's engine the emulator drives: delivery to one client, and forgetting clients. */
export interface BayeuxEngine {
  hasConnection(clientId: string): boolean;
  deliver(clientId: string, messages: BayeuxMessage[]): boolean;
  destroyClient(clientId: string): void;
  /** The Bayeux clients faye knows now. */
  clientIds(): string[];
}

interface FayeEngineProxy {
  hasConnection(clientId: string): boolean;
  deliver(clientId: string, messages: unknown[]): boolean;
  destroyClient(clientId: string): void;
  _engine: { _namespace: { _used: Set<string> } };
}

/** faye has no public way to hand a message to one client or list clients: its engine proxy does. */
export function bayeuxEngineOf(adapter: NodeAdapter): BayeuxEngine {
  const proxy = (adapter as unknown as { _server: { _engine: FayeEngineProxy } })._server._engine;
  return {
    hasConnection: (clientId) => proxy.hasConnection(clientId),
    deliver: (clientId, messages) => proxy.deliver(clientId, messages),
    destroyClient: (clientId) => proxy.destroyClient(clientId),
    clientIds: () => [...proxy._engine._namespace._used],
  };
}
