/** Sleeps `ms` (the jitter between polls and retries). */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** An error of Redis or of the connection to it, not of the exchange. */
export function isRedisError(error: unknown): boolean {
  const name = (error as Error)?.name ?? '';
  const message = (error as Error)?.message ?? '';
  return (
    /Redis|Reply|MaxRetries|AbortError|Cluster/.test(name) ||
    /Command timed out|Connection is closed|Stream isn't writeable|enableOfflineQueue/i.test(
      message,
    ) ||
    // A Cluster between a failed master and its replica's promotion, or moving a slot.
    /slots cache|Cluster redirections|CLUSTERDOWN|TRYAGAIN|LOADING|READONLY|MASTERDOWN/.test(
      message,
    )
  );
}
