/**
 * A request as the emulator sees it, whatever the transport (node:http or msw). A multipart body
 * is decoded as latin1, so its binary parts keep their bytes.
 */
export interface EmulatorRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: string;
}

/** What the emulator answers; `drop` closes the connection without an answer. */
export interface EmulatorResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  drop?: boolean;
  delayMs?: number;
  /** `base64`: the body is binary, carried base64-encoded (a blob field's content). */
  encoding?: 'base64';
}

export function json(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): EmulatorResponse {
  return {
    status,
    headers: { 'content-type': 'application/json;charset=UTF-8', ...headers },
    body: status === 204 ? '' : JSON.stringify(body),
  };
}

export function text(status: number, body: string, contentType: string): EmulatorResponse {
  return { status, headers: { 'content-type': contentType }, body };
}
