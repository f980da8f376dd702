import { describe, expect, it } from 'vitest';
import { assertion, emulator, exchange, org, useOrg } from './harness.js';

useOrg();

/** One raw Bayeux POST. */
async function bayeux(messages: unknown[], headers: Record<string, string> = {}, version = '62.0') {
  const response = await fetch(`${emulator.url}/cometd/${version}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(messages),
  });
  // biome-ignore lint/suspicious/noExplicitAny: Bayeux replies, read field by field below
  return { status: response.status, body: (await response.json()) as any[] };
}
const handshake = {
  channel: '/meta/handshake',
  version: '1.0',
  supportedConnectionTypes: ['long-polling'],
};

describe('Streaming API (CometD) answers, raw', () => {
  it('denies a handshake with an invalid token as Salesforce does', async () => {
    const { status, body } = await bayeux([handshake], { authorization: 'Bearer 00Dnotvalid' });
    expect(status).toBe(200);
    expect(body[0]).toMatchObject({
      channel: '/meta/handshake',
      successful: false,
      error: '403::Handshake denied',
      ext: { sfdc: { failureReason: '401::Authentication invalid' } },
      advice: { reconnect: 'none' },
    });
  });

  it('asks for authentication when the header is missing', async () => {
    const { body } = await bayeux([handshake]);
    expect(body[0].ext.sfdc.failureReason).toBe('401::Request requires authentication');
    const connect = await bayeux([
      { channel: '/meta/connect', clientId: 'x', connectionType: 'long-polling' },
    ]);
    expect(connect.body[0]).toMatchObject({
      error: '401::Request requires authentication',
      advice: { reconnect: 'none' },
    });
  });

  it('handshakes with a live session, long-polling only, with the replay extension', async () => {
    const { body: token } = await exchange(emulator.url, assertion(org));
    const { body } = await bayeux([handshake], { authorization: `OAuth ${token.access_token}` });
    expect(body[0]).toMatchObject({
      successful: true,
      supportedConnectionTypes: ['long-polling'],
      ext: { replay: true },
    });
    expect(emulator.streamingStats().handshakes).toBeGreaterThan(0);
  });

  it('answers a connect from a Bayeux client it does not know with 403::Unknown client', async () => {
    const { body: token } = await exchange(emulator.url, assertion(org));
    const { body } = await bayeux(
      [{ channel: '/meta/connect', clientId: 'gone', connectionType: 'long-polling' }],
      { authorization: `Bearer ${token.access_token}` },
    );
    expect(body[0]).toMatchObject({
      successful: false,
      error: '403::Unknown client',
      advice: { reconnect: 'handshake' },
    });
  });

  it('forgetStreamingClients({ forever: true }) answers every connect and subscribe 403::Unknown client until called without it', async () => {
    const { body: token } = await exchange(emulator.url, assertion(org));
    const authorization = `Bearer ${token.access_token}`;
    emulator.forgetStreamingClients({ forever: true });
    try {
      const [shaken] = (await bayeux([handshake], { authorization })).body;
      expect(shaken.successful).toBe(true);
      const connect = {
        channel: '/meta/connect',
        clientId: shaken.clientId,
        connectionType: 'long-polling',
      };
      const subscribe = {
        channel: '/meta/subscribe',
        clientId: shaken.clientId,
        subscription: '/data/ChangeEvents',
      };
      for (const message of [connect, subscribe, connect]) {
        const { body } = await bayeux([message], { authorization });
        expect(body[0]).toMatchObject({
          successful: false,
          error: '403::Unknown client',
          advice: { reconnect: 'handshake', interval: 0 },
        });
      }
    } finally {
      emulator.forgetStreamingClients();
    }
    const [shaken] = (await bayeux([handshake], { authorization })).body;
    const { body } = await bayeux(
      [
        {
          channel: '/meta/subscribe',
          clientId: shaken.clientId,
          subscription: '/data/ChangeEvents',
        },
      ],
      { authorization },
    );
    expect(body[0].successful).toBe(true);
  });

  it('rejects a missing or too old API version with 400', async () => {
    expect((await bayeux([handshake], {}, '')).status).toBe(400);
    expect((await bayeux([handshake], {}, '36.0')).status).toBe(400);
  });

  it('refuses a subscribe with a replay id outside the retained events', async () => {
    emulator.createChannel('/event/Window__e');
    const { body: token } = await exchange(emulator.url, assertion(org));
    const authorization = `Bearer ${token.access_token}`;
    const [shaken] = (await bayeux([handshake], { authorization })).body;
    const { body } = await bayeux(
      [
        {
          channel: '/meta/subscribe',
          clientId: shaken.clientId,
          subscription: '/event/Window__e',
          ext: { replay: { '/event/Window__e': 99 } },
        },
      ],
      { authorization },
    );
    expect(body[0]).toMatchObject({ successful: false });
    expect(body[0].error).toMatch(/^400::The replayId \{99\}/);
  });
});
