import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Why a target may not be written: the CLI prints the message and the fix. */
export class UnsafeTargetError extends Error {
  constructor(
    message: string,
    readonly fix: string,
  ) {
    super(message);
    this.name = 'UnsafeTargetError';
  }
}

/**
 * Refuses a target that is a symlink (even with `replace`), anything but a regular file, or an
 * existing file when `replace` is false. Called for every target before anything is written.
 */
export async function checkTarget(path: string, replace: boolean): Promise<void> {
  const stats = await lstat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (!stats) return;
  if (stats.isSymbolicLink()) {
    throw new UnsafeTargetError(
      `${path} is a symbolic link; nothing was written (a key is never written through a link).`,
      'remove the link, or choose another --out directory.',
    );
  }
  if (!stats.isFile()) {
    throw new UnsafeTargetError(
      `${path} exists and is not a regular file; nothing was written.`,
      'choose another --out directory.',
    );
  }
  if (!replace) {
    throw new UnsafeTargetError(
      `${path} exists; nothing was written.`,
      'choose another --out directory, or pass --force to replace it.',
    );
  }
}

/**
 * Writes `data` to a new file next to `path` (exclusive create, never following a link, with
 * exactly `mode` whatever the umask) and returns a function that renames it into place. A
 * rename replaces the directory entry itself: a link planted after the check is replaced, not
 * followed.
 */
export async function writeNewFile(
  path: string,
  data: string,
  mode: number,
): Promise<{ commit(): Promise<void>; discard(): Promise<void> }> {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const flags =
    constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);
  const handle = await open(temporary, flags, mode);
  try {
    await handle.chmod(mode);
    await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temporary, { force: true });
    throw error;
  }
  await handle.close();
  return {
    commit: () => rename(temporary, path),
    discard: () => rm(temporary, { force: true }),
  };
}
