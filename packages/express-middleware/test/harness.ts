import { type RunningTestOrg, startTestOrg } from '@sf-jwt/emulator';
import express5 from 'express';
import express4 from 'express4';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';

export const EXPRESS_VERSIONS = [
  ['Express 5', express5],
  ['Express 4', express4],
] as const;

export type Org = RunningTestOrg;

/** A test org with 20 users on a real emulator server (HTTP on 127.0.0.1). */
export const startOrg = (): Promise<Org> =>
  startTestOrg({ usernames: Array.from({ length: 20 }, (_, index) => `user${index}@example.com`) });

/** Fails each test after which a promise rejection went unhandled (a Passport callback that threw). */
export function failOnUnhandledRejections(): void {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  beforeAll(() => {
    process.on('unhandledRejection', onUnhandled);
  });
  afterAll(() => {
    process.off('unhandledRejection', onUnhandled);
  });
  afterEach(() => {
    expect(unhandled).toEqual([]);
  });
}
