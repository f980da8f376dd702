/** One retained event: its replay id, when it was published, and the `data` clients receive. */
export interface RetainedEvent {
  replayId: number;
  publishedAt: number;
  data: Record<string, unknown>;
}

/** Salesforce keeps PushTopic events 24 h, platform and change events 72 h. */
const HOUR = 60 * 60 * 1000;
export function retentionMsOf(channel: string): number {
  return channel.startsWith('/topic/') ? 24 * HOUR : 72 * HOUR;
}

/** Most events kept per channel, whatever their age (the emulator's memory bound). */
export const MAX_RETAINED_PER_CHANNEL = 100_000;

/**
 * The retained events of one channel, oldest first. Replay ids increase by one from 1 (0 is never
 * used: jsforce's Replay extension ignores a falsy replay id).
 */
export class ChannelLog {
  readonly #events: RetainedEvent[] = [];
  #lastReplayId = 0;

  constructor(
    readonly channel: string,
    private readonly now: () => number,
  ) {}

  /** The replay id of the newest event ever appended (0 before the first). */
  get lastReplayId(): number {
    return this.#lastReplayId;
  }

  append(build: (replayId: number) => Record<string, unknown>): RetainedEvent {
    this.#lastReplayId += 1;
    const event = {
      replayId: this.#lastReplayId,
      publishedAt: this.now(),
      data: build(this.#lastReplayId),
    };
    this.#events.push(event);
    this.#expire();
    return event;
  }

  /**
   * The events a subscribe with this replay option receives: -1 none (only new ones), -2 every
   * retained one, an id the ones after it. Undefined when the id is outside the retention window.
   */
  replayFrom(replayId: number): RetainedEvent[] | undefined {
    this.#expire();
    if (replayId === -1) return [];
    if (replayId === -2) return [...this.#events];
    if (!Number.isInteger(replayId) || replayId < 0 || replayId > this.#lastReplayId) {
      return undefined;
    }
    const oldest = this.#events[0]?.replayId ?? this.#lastReplayId + 1;
    if (replayId < oldest - 1) return undefined;
    return this.#events.filter((event) => event.replayId > replayId);
  }

  #expire(): void {
    const cutoff = this.now() - retentionMsOf(this.channel);
    let drop = Math.max(0, this.#events.length - MAX_RETAINED_PER_CHANNEL);
    while (drop < this.#events.length && this.#events[drop]!.publishedAt < cutoff) drop += 1;
    if (drop > 0) this.#events.splice(0, drop);
  }
}
