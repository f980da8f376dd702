/*
 * One 'abort' listener per AbortSignal, however many callers wait on it. A signal shared by more
 * than ten concurrent getToken() calls would otherwise get a listener each, and Node prints
 * MaxListenersExceededWarning past ten (nothing leaks, but operators page on it). The signal's
 * own listener is removed once its last callback is.
 */
const callbacksBySignal = new WeakMap<AbortSignal, Set<() => void>>();

function dispatch(this: AbortSignal): void {
  const callbacks = callbacksBySignal.get(this);
  callbacksBySignal.delete(this);
  for (const callback of callbacks ?? []) callback();
}

/** Calls `callback` once when `signal` aborts; the returned function stops that. */
export function onAbort(signal: AbortSignal, callback: () => void): () => void {
  let callbacks = callbacksBySignal.get(signal);
  if (!callbacks) {
    callbacks = new Set();
    callbacksBySignal.set(signal, callbacks);
    signal.addEventListener('abort', dispatch, { once: true });
  }
  // A wrapper per call, so the same function registered twice is called twice.
  const entry = () => callback();
  callbacks.add(entry);
  return () => {
    const current = callbacksBySignal.get(signal);
    if (!current?.delete(entry) || current.size > 0) return;
    callbacksBySignal.delete(signal);
    signal.removeEventListener('abort', dispatch);
  };
}
