import { describe, expect, it } from 'vitest';
import { createTestOrg, EmulatorError, startEmulator } from '../src/index.js';

describe('EmulatorError', () => {
  it('is thrown, typed and branded, for a control call on something the org does not hold', async () => {
    const org = await createTestOrg();
    const emulator = await startEmulator({ setup: org.setup });
    try {
      const calls = [
        () => emulator.updateUser('nobody@example.com', { active: false }),
        () => emulator.updateApp('no-such-key', { adminApproved: false }),
        () => emulator.records('NoSuchObject__c'),
      ];
      for (const call of calls) {
        const error = (() => {
          try {
            call();
          } catch (thrown) {
            return thrown;
          }
          return undefined;
        })();
        expect(EmulatorError.isInstance(error)).toBe(true);
        expect(error).toMatchObject({ code: 'not_found', name: 'EmulatorError' });
      }
    } finally {
      await emulator.stop();
    }
  });

  it('is thrown with invalid_setup for a setup without apps and users', async () => {
    await expect(startEmulator({ setup: {} as never })).rejects.toMatchObject({
      code: 'invalid_setup',
    });
  });
});
