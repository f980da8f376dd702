// What the emulator README's later blocks take from its first block or from the reader's test.
import type { RunningEmulator, TestOrg } from '@sf-jwt/emulator';

declare global {
  const JwtBearerStrategy: typeof import('@sf-jwt/core').JwtBearerStrategy;
  const startTestOrg: typeof import('@sf-jwt/emulator').startTestOrg;
  const org: TestOrg;
  const emulator: RunningEmulator;
  const token: string;
  const consumerKey: string;
  const username: string;
  const certificate: string;
}
