// chai-passport-strategy ships no types; this is the part of its API the tests use.
declare module 'chai-passport-strategy' {
  import type { Request } from 'express';

  export interface StrategyTest {
    request(prepare: (req: Request) => void): StrategyTest;
    success(handler: (user: unknown, info?: unknown) => void): StrategyTest;
    fail(handler: (challenge?: unknown, status?: number) => void): StrategyTest;
    error(handler: (error: unknown) => void): StrategyTest;
    pass(handler: () => void): StrategyTest;
    authenticate(options?: unknown): void;
  }

  export interface ChaiPassport {
    use(strategy: object): StrategyTest;
  }

  const plugin: (chai: object, utils: object) => void;
  export default plugin;
}
