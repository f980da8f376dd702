import { INVALID_SESSION } from '../rest/salesforce-errors.js';
import { type EmulatorResponse, json, text } from '../server/http-types.js';

/** A failure to inject, for reliability tests. */
export interface FaultSpec {
  /** `token`: /services/oauth2/token; `rest`: every other endpoint; `any`: both. */
  endpoint: 'token' | 'rest' | 'any';
  mode: 'latency' | 'http-error' | 'html-503' | 'drop' | 'non-json' | 'reject-session';
  /**
   * How many requests it applies to.
   * @defaultValue all
   */
  times?: number;
  /** For latency: how long to wait before answering. */
  delayMs?: number;
  /**
   * For http-error: the status.
   * @defaultValue 500
   */
  status?: number;
}

interface ActiveFault extends FaultSpec {
  remaining: number;
}

const MAINTENANCE_PAGE =
  '<!DOCTYPE html><html><head><title>Down for maintenance</title></head><body>Salesforce is down for maintenance.</body></html>';

/** The injected faults, each consumed by the requests it applies to. */
export class FaultTable {
  #faults: ActiveFault[] = [];

  add(fault: FaultSpec): void {
    this.#faults.push({ ...fault, remaining: fault.times ?? Number.POSITIVE_INFINITY });
  }

  clear(): void {
    this.#faults = [];
  }

  /**
   * Applies the faults matching this request: latency adds up, and the first answering fault
   * (error, page, drop, ...) replaces the real answer. Returns the delay and, maybe, the answer.
   */
  take(endpoint: 'token' | 'rest'): { delayMs: number; answer?: EmulatorResponse } {
    let delayMs = 0;
    let answer: EmulatorResponse | undefined;
    for (const fault of this.#faults) {
      if (fault.remaining <= 0 || (fault.endpoint !== 'any' && fault.endpoint !== endpoint))
        continue;
      if (fault.mode === 'latency') {
        fault.remaining -= 1;
        delayMs += fault.delayMs ?? 1000;
        continue;
      }
      if (answer || (fault.mode === 'non-json' && endpoint !== 'token')) continue;
      if (fault.mode === 'reject-session' && endpoint !== 'rest') continue;
      fault.remaining -= 1;
      answer = answerFor(fault);
    }
    this.#faults = this.#faults.filter((fault) => fault.remaining > 0);
    return answer ? { delayMs, answer } : { delayMs };
  }
}

function answerFor(fault: FaultSpec): EmulatorResponse {
  switch (fault.mode) {
    case 'http-error':
      return json(fault.status ?? 500, [
        {
          message: 'An unexpected error occurred. Please try again.',
          errorCode: 'UNKNOWN_EXCEPTION',
        },
      ]);
    case 'html-503':
      return text(503, MAINTENANCE_PAGE, 'text/html;charset=UTF-8');
    case 'drop':
      return { status: 0, headers: {}, body: '', drop: true };
    case 'non-json':
      return text(200, MAINTENANCE_PAGE, 'text/html;charset=UTF-8');
    default:
      return INVALID_SESSION;
  }
}
