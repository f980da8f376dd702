/** Options of the handshake pacing of {@link subscribe}. */
export interface HandshakePacing {
  /**
   * The wait before the first re-handshake after `403::Unknown client`; it doubles with each
   * further one in a row, and a successful `/meta/connect` resets it.
   * @defaultValue 500
   */
  initialDelayMs?: number;
  /**
   * The longest wait between two re-handshakes.
   * @defaultValue 30000
   */
  maxDelayMs?: number;
  /**
   * Most handshakes (the first included, healed or not) in any 60 s: beyond it the next one waits.
   * @defaultValue 10
   */
  maxPerMinute?: number;
}

const MINUTE = 60_000;

/** Spaces out a subscription's handshakes: growing backoff, and a bound per rolling minute. */
export class HandshakePacer {
  readonly #initial: number;
  readonly #max: number;
  readonly #perMinute: number;
  readonly #recent: number[] = [];
  #inARow = 0;

  constructor(
    pacing: HandshakePacing,
    private readonly now: () => number,
  ) {
    this.#initial = Math.max(1, pacing.initialDelayMs ?? 500);
    this.#max = Math.max(this.#initial, pacing.maxDelayMs ?? 30_000);
    this.#perMinute = Math.max(1, pacing.maxPerMinute ?? 10);
  }

  /** A handshake starts now. */
  handshaking(): void {
    this.#recent.push(this.now());
    if (this.#recent.length > this.#perMinute) this.#recent.shift();
  }

  /** A `/meta/connect` succeeded: the backoff starts over. */
  connected(): void {
    this.#inARow = 0;
  }

  /** How long to wait before the next handshake; `backoff` for `403::Unknown client`. */
  delayBeforeNext(backoff: boolean): number {
    let delay = 0;
    if (backoff) {
      delay = Math.min(this.#max, this.#initial * 2 ** Math.min(this.#inARow, 30));
      this.#inARow += 1;
    }
    if (this.#recent.length >= this.#perMinute) {
      delay = Math.max(delay, this.#recent[0]! + MINUTE - this.now());
    }
    return Math.max(0, delay);
  }
}
