import { mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KeyFileSource } from '../src/key/key-file-source.js';
import { makeKeys } from './harness.js';

function setup() {
  const path = join(mkdtempSync(join(tmpdir(), 'sf-jwt-source-')), 'server.key');
  const first = makeKeys();
  writeFileSync(path, first.pkcs8, { mode: 0o600 });
  const clock = { now: 0 };
  const logged: string[] = [];
  const source = new KeyFileSource({
    path,
    passphrase: undefined,
    strict: false,
    logger: { warn: (message) => logged.push(message) },
    monotonicNow: () => clock.now,
    checkIntervalMs: 5000,
  });
  const replace = (content: string) => {
    writeFileSync(`${path}.next`, content, { mode: 0o600 });
    renameSync(`${path}.next`, path);
  };
  return { source, first, clock, logged, replace, path };
}

describe('KeyFileSource', () => {
  it('keeps the key until the interval passes, then takes the replaced file', () => {
    const { source, first, clock, replace } = setup();
    const second = makeKeys();
    replace(second.pkcs8);
    clock.now = 4999;
    expect(source.current().equals(first.privateKey)).toBe(true);
    clock.now = 5000;
    expect(source.current().equals(second.privateKey)).toBe(true);
  });

  it('checks at most once per interval however often it is asked', () => {
    const { source, first, clock, replace } = setup();
    clock.now = 5000;
    source.current(); // the check of this interval: nothing changed
    replace(makeKeys().pkcs8);
    for (let step = 0; step < 100; step += 1) {
      clock.now += 49;
      expect(source.current().equals(first.privateKey)).toBe(true);
    }
  });

  it('a file rewritten in place (same inode) is read again too', () => {
    const { source, clock, path } = setup();
    const second = makeKeys();
    writeFileSync(path, second.pkcs8);
    clock.now = 5000;
    expect(source.current().equals(second.privateKey)).toBe(true);
  });

  it('reload() reads the file at once and says whether the key changed', () => {
    const { source, replace } = setup();
    expect(source.reload()).toEqual({ changed: false });
    replace(makeKeys().pkcs8);
    expect(source.reload()).toEqual({ changed: true });
  });

  it('a corrupt replacement keeps the key, is reported once, and is retried when the file changes again', () => {
    const { source, first, clock, logged, replace } = setup();
    replace('-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n');
    clock.now = 5000;
    expect(source.current().equals(first.privateKey)).toBe(true);
    clock.now = 10_000;
    expect(source.current().equals(first.privateKey)).toBe(true);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(
      /previous key stays in use: .*could not be parsed.*\(invalid_config\)/,
    );
    const fixed = makeKeys();
    replace(fixed.pkcs8);
    clock.now = 15_000;
    expect(source.current().equals(fixed.privateKey)).toBe(true);
  });
});
