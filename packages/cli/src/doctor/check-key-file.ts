import { inspectKeyFile } from '@sf-jwt/core/internal';
import type { CheckResult } from './doctor-checks.js';

/**
 * The doctor's "key file permissions" step: fails for a key file group or others may read, a
 * link to one, or one in a directory others may write, with the chmod/chown that fixes it.
 */
export function checkKeyFile(
  keyFile: string | undefined,
  platform: NodeJS.Platform = process.platform,
): CheckResult {
  const step = 'key file permissions';
  if (!keyFile) return { step, status: 'skip', detail: 'the key does not come from a file' };
  const inspection = inspectKeyFile(keyFile, platform);
  if (!inspection.checked) return { step, status: 'skip', detail: inspection.reason };
  if (inspection.findings.length === 0) {
    return { step, status: 'pass', detail: 'readable by its owner only, in a protected directory' };
  }
  return {
    step,
    status: 'fail',
    detail: inspection.findings.map((finding) => finding.problem).join('; '),
    fix: inspection.findings.map((finding) => finding.fix).join('; '),
  };
}
