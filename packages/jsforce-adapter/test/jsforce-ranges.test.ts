import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const packagesDir = fileURLToPath(new URL('../../', import.meta.url));
const manifests = readdirSync(packagesDir).map((folder) => ({
  folder,
  ...(JSON.parse(readFileSync(`${packagesDir}${folder}/package.json`, 'utf8')) as {
    peerDependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  }),
}));

// The Node 20 leg runs each package's devDependency (3.10.16), the Node 24 leg the newest 3.x:
// a peer range wider than that lets npm pick a jsforce no test ran against.
describe('jsforce ranges equal what the tests run', () => {
  it('every package with a jsforce peer declares >=3.10.16 <4 and tests on 3.10.16', () => {
    const withPeer = manifests.filter((manifest) => manifest.peerDependencies?.jsforce);
    expect(withPeer.map((manifest) => manifest.folder).sort()).toEqual([
      'express-middleware',
      'fastify',
      'jsforce-adapter',
      'nestjs',
    ]);
    for (const manifest of withPeer) {
      expect([manifest.folder, manifest.peerDependencies?.jsforce]).toEqual([
        manifest.folder,
        '>=3.10.16 <4',
      ]);
      expect([manifest.folder, manifest.devDependencies?.jsforce]).toEqual([
        manifest.folder,
        '3.10.16',
      ]);
    }
  });
});
