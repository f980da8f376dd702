import { describe, it } from 'vitest';
import { MemoryTokenStore } from '../src/index.js';
import { tokenStoreContract } from '../src/testing.js';

// A Map of one process: no `processes` (nothing to share) and no exchangeOnce (optional), so those
// tests pass with a notice on stderr.
tokenStoreContract({
  name: 'MemoryTokenStore',
  runner: { describe, it },
  createStore: () => new MemoryTokenStore(),
});
