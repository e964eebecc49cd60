// Remembers the last MobileApps folder the user opened, in a small JSON file in
// the app's data directory. Kept in this one module so a fuller settings store
// can replace it later. No Electron import (the data dir is passed in).

import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

const FILE_NAME = 'last-folder.json';
const schema = z.object({ lastFolder: z.string().min(1).max(4096) });

/** The remembered folder, or null when none, or when the file is missing or corrupt. */
export async function readLastFolder(dataDir: string): Promise<string | null> {
  let text: string;
  try {
    text = await readFile(join(dataDir, FILE_NAME), 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data.lastFolder : null;
  } catch {
    return null; // corrupt: behave as if nothing was remembered; the next write replaces it
  }
}

/** Writes atomically: a temp file in the same folder, then rename over the old one. */
export async function writeLastFolder(dataDir: string, folder: string): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  const target = join(dataDir, FILE_NAME);
  const temp = join(dataDir, `.${FILE_NAME}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temp, `${JSON.stringify({ lastFolder: folder }, null, 2)}\n`, { encoding: 'utf8', mode: 0o600 });
    await rename(temp, target);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}
