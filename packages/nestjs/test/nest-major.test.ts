import commonPackage from '@nestjs/common/package.json';
import corePackage from '@nestjs/core/package.json';
import { describe, expect, it } from 'vitest';

// The `nestjs-nest11` project (vitest.nest11.config.ts) sets SF_JWT_NEST_MAJOR=11 and aliases
// every @nestjs import to Nest 11: this proves the alias took, so that project really tests 11.
describe('the NestJS tests run on the Nest major their project names', () => {
  it('loads @nestjs/common and core of that major (12 unless SF_JWT_NEST_MAJOR says 11)', () => {
    const expected = process.env.SF_JWT_NEST_MAJOR ?? '12';
    const majors = [commonPackage, corePackage].map((pkg) => pkg.version.split('.')[0]);
    expect(majors).toEqual([expected, expected]);
  });
});

describe('the peer range of @sf-jwt/nestjs', () => {
  it('admits every Nest major the tests run on: 11 and 12', async () => {
    const { peerDependencies } = (await import('../package.json')).default as {
      peerDependencies: Record<string, string>;
    };
    for (const name of ['@nestjs/common', '@nestjs/core'])
      expect(peerDependencies[name]?.split('||').map((range) => range.trim())).toEqual([
        '^11.0.0',
        '^12.0.0',
      ]);
  });
});
