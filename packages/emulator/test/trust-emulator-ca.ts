import https from 'node:https';
import { createRequire } from 'node:module';

type RequestModule = { setDispatcher?: (dispatcher?: unknown) => void };

/**
 * Makes this process's jsforce trust the emulator's certificate, the way a user would in-process:
 * jsforce 3.10.17 and later send through their own undici Agent (`setDispatcher` from
 * `jsforce/lib/request`, with an Agent of the undici jsforce itself loads); 3.10.16 sends through
 * node-fetch and `https.globalAgent`. Returns the undo.
 */
export async function trustInJsforce(ca: string): Promise<() => void> {
  const request = (await import('jsforce/lib/request')) as RequestModule;
  const { setDispatcher } = request;
  if (setDispatcher) {
    const jsforceDir = createRequire(import.meta.url).resolve('jsforce-latest/package.json');
    const { Agent } = createRequire(jsforceDir)('undici') as typeof import('undici');
    setDispatcher(new Agent({ connect: { ca, allowH2: false } }));
    return () => setDispatcher();
  }
  const previous = https.globalAgent.options.ca;
  https.globalAgent.options.ca = ca;
  return () => {
    https.globalAgent.options.ca = previous;
  };
}
