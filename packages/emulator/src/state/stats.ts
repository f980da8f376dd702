/** What the emulator counted since start or the last reset. */
export interface EmulatorStats {
  /** Successful token exchanges. */
  tokenExchanges: number;
  tokenExchangesByUser: Record<string, number>;
  failedTokenExchanges: number;
  /** Requests to anything but the token endpoint. */
  apiRequests: number;
  /** API requests answered with INVALID_SESSION_ID. */
  rejectedApiRequests: number;
  /** Tokens revoked through `/services/oauth2/revoke`. */
  revokedTokens: number;
  /**
   * TCP (or TLS) connections accepted. A client that reuses its keep-alive sockets opens one per
   * concurrent request; one that opens a socket per request shows here.
   */
  connections: number;
}

/** One line of the request log. Holds no token, assertion or body. */
export interface RequestLogEntry {
  method: string;
  path: string;
  status: number;
  username?: string;
}

export function emptyStats(): EmulatorStats {
  return {
    tokenExchanges: 0,
    tokenExchangesByUser: {},
    failedTokenExchanges: 0,
    apiRequests: 0,
    rejectedApiRequests: 0,
    revokedTokens: 0,
    connections: 0,
  };
}
