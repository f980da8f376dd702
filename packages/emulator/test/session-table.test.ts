import { describe, expect, it } from 'vitest';
import { SessionTable } from '../src/oauth/sessions.js';
import type { NormalisedUser } from '../src/org/setup.js';

const user = { orgId: '00D000000000001AAA', username: 'a@example.com' } as NormalisedUser;

describe('SessionTable', () => {
  it('drops timed-out sessions as new ones are issued, so a long run holds only live ones', () => {
    let now = 0;
    const table = new SessionTable(900_000, () => now);
    const tokens = Array.from({ length: 1_000 }, () => table.issue(user));
    now = 800_000;
    expect(table.use(tokens[500])).toBeDefined(); // used: alive until 1,700,000
    now = 1_000_000;
    table.issue(user);
    expect(table.size).toBe(2);
    expect(table.use(tokens[500])).toBeDefined();
    expect(table.use(tokens[0])).toBeUndefined();
  });
});
