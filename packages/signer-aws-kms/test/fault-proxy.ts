import { createServer, request as forward } from 'node:http';

/**
 * An HTTP proxy on 127.0.0.1 in front of moto that answers the next requests of a KMS action
 * with a KMS error exactly as AWS sends it (JSON 1.1: `__type` and `message`), and passes every
 * other request through. moto has no throttling or IAM refusals of its own.
 */
export async function startFaultProxy(target: string) {
  const faults: Array<{ action: string; type: string; status: number; remaining: number }> = [];
  const seen: string[] = [];
  const server = createServer((req, res) => {
    const action = String(req.headers['x-amz-target'] ?? '').replace('TrentService.', '');
    seen.push(action);
    const fault = faults.find((item) => item.action === action && item.remaining > 0);
    if (fault) {
      fault.remaining -= 1;
      req.resume();
      res.writeHead(fault.status, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify({ __type: fault.type, message: `${fault.type} from the test` }));
      return;
    }
    const upstream = new URL(target);
    const proxied = forward(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(proxied);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    /** The next `times` calls of `action` fail with `type`. */
    fail(action: string, type: string, times: number, status = 400) {
      faults.push({ action, type, status, remaining: times });
    },
    /** How many calls of `action` reached the proxy. */
    calls: (action: string) => seen.filter((item) => item === action).length,
    reset() {
      faults.length = 0;
      seen.length = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
