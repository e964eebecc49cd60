// Is a folder on a network (or FUSE) file system? There, native file events
// never report what the server or another client changes, so the folder must be
// polled. The answer comes from what the OS says about the mount, never from
// touching the share itself where avoidable (a hung share must not hang this):
//   Linux:   /proc/self/mountinfo names the type of the longest mount point above
//            the path (nfs4, cifs, fuse.sshfs…); statfs's magic number if that fails.
//   macOS:   `mount` prints "… on /Volumes/x (smbfs, …)"; statfs type numbers are
//            not stable across releases there, so they are not used.
//   Windows: a UNC path (\\server\share) or a drive letter that `net use` maps.
// The platform parts take their inputs injected, so each is tested on any OS.

import { execFile } from 'node:child_process';
import { readFile, statfs } from 'node:fs/promises';

export interface VolumeKind {
  network: boolean;
  /** The file system's name as the OS gives it (fuse.sshfs, nfs4, smbfs, UNC…); null when unknown. */
  fsType: string | null;
}

export interface VolumeProbe {
  platform: NodeJS.Platform;
  /** Linux: the text of /proc/self/mountinfo. */
  mountInfo?: () => Promise<string>;
  /** Linux fallback: statfs(2) f_type. */
  statfsType?: (path: string) => Promise<number>;
  /** macOS: the output of /sbin/mount. */
  mountTable?: () => Promise<string>;
  /** Windows: the output of `net use`. */
  netUse?: () => Promise<string>;
}

const UNKNOWN: VolumeKind = { network: false, fsType: null };

/** Linux file system type names that are remote (or FUSE, where a daemon decides what changes). */
const LINUX_NETWORK_TYPES = new Set([
  'nfs',
  'nfs4',
  'cifs',
  'smb3',
  'smbfs',
  'ncpfs',
  'afs',
  '9p',
  'ceph',
  'glusterfs',
  'lustre',
  'gpfs',
  'davfs',
  'coda',
  'fuse',
  'sshfs',
]);

/** statfs f_type magic numbers of remote and FUSE file systems (linux/magic.h). */
const LINUX_NETWORK_MAGIC = new Map<number, string>([
  [0x6969, 'nfs'],
  [0x517b, 'smb'],
  [0xff534d42, 'cifs'],
  [0xfe534d42, 'smb2'],
  [0x65735546, 'fuse'],
  [0x5346414f, 'afs'],
  [0x6b414653, 'afs'],
  [0x01021997, '9p'],
  [0x00c36400, 'ceph'],
  [0x73757245, 'coda'],
  [0x564c, 'ncp'],
]);

const MAC_NETWORK_TYPES = new Set(['smbfs', 'nfs', 'afpfs', 'webdav', 'cifs', 'ftp', 'macfuse', 'osxfuse', 'fusefs']);

export function isLinuxNetworkType(fsType: string): boolean {
  // fuseblk is a local disk driven through FUSE (NTFS, exFAT): its events are local ones.
  if (fsType === 'fuseblk') return false;
  return LINUX_NETWORK_TYPES.has(fsType) || fsType.startsWith('fuse.');
}

/** mountinfo escapes space, tab, newline and backslash as \ooo. */
function unescapeMountPath(s: string): string {
  return s.replace(/\\([0-7]{3})/g, (_m, oct: string) => String.fromCharCode(parseInt(oct, 8)));
}

/** True when `path` is `mountPoint` or inside it. */
function isUnder(path: string, mountPoint: string, sep = '/'): boolean {
  if (mountPoint === sep) return path.startsWith(sep);
  return path === mountPoint || path.startsWith(mountPoint.endsWith(sep) ? mountPoint : mountPoint + sep);
}

/** The type of the mount holding `path` (a real path) in /proc/self/mountinfo's text; null if none matches. */
export function fsTypeFromMountInfo(text: string, path: string): string | null {
  let best: { point: string; type: string } | null = null;
  for (const line of text.split('\n')) {
    const dash = line.indexOf(' - ');
    if (dash < 0) continue;
    const point = unescapeMountPath(line.slice(0, dash).split(' ')[4] ?? '');
    const type = line.slice(dash + 3).split(' ')[0] ?? '';
    // The last of equally long mount points wins: it is mounted over the earlier ones.
    if (point && type && isUnder(path, point) && (!best || point.length >= best.point.length)) best = { point, type };
  }
  return best?.type ?? null;
}

/** The type of the mount holding `path` in macOS `mount` output ("src on /point (type, opts…)"). */
export function fsTypeFromMacMount(text: string, path: string): string | null {
  let best: { point: string; type: string } | null = null;
  for (const line of text.split('\n')) {
    const m = / on (.+) \(([^,)]+)[,)]/.exec(line);
    if (!m) continue;
    const point = m[1] as string;
    const type = (m[2] as string).trim();
    if (isUnder(path, point) && (!best || point.length >= best.point.length)) best = { point, type };
  }
  return best?.type ?? null;
}

/** Windows: a UNC path (\\server\share, \\?\UNC\server\share), or a drive `net use` lists as mapped. */
export function windowsVolumeKind(path: string, netUse: string | null): VolumeKind {
  const p = path.replace(/\//g, '\\');
  if (/^\\\\\?\\UNC\\/i.test(p)) return { network: true, fsType: 'UNC' };
  if (/^\\\\[.?]\\/.test(p)) return UNKNOWN; // device paths (\\?\C:\, \\.\pipe): local
  if (p.startsWith('\\\\')) return { network: true, fsType: 'UNC' };
  const drive = /^([A-Za-z]):/.exec(p)?.[1]?.toUpperCase();
  if (!drive || netUse === null) return UNKNOWN;
  // "OK           Z:        \\server\share        Microsoft Windows Network"
  const mapped = netUse.split(/\r?\n/).some((line) => new RegExp(`(^|\\s)${drive}:\\s+\\\\\\\\`, 'i').test(line));
  return mapped ? { network: true, fsType: 'mapped network drive' } : UNKNOWN;
}

/** Never throws: a folder whose kind cannot be told is treated as local (native events). */
export async function detectVolumeKind(path: string, probe: VolumeProbe = defaultProbe()): Promise<VolumeKind> {
  try {
    if (probe.platform === 'linux') return await linuxKind(path, probe);
    if (probe.platform === 'darwin') {
      const type = probe.mountTable ? fsTypeFromMacMount(await probe.mountTable(), path) : null;
      return { network: type !== null && MAC_NETWORK_TYPES.has(type), fsType: type };
    }
    if (probe.platform === 'win32') {
      const netUse = probe.netUse ? await probe.netUse().catch(() => null) : null;
      return windowsVolumeKind(path, netUse);
    }
  } catch {
    // fall through: unknown
  }
  return UNKNOWN;
}

async function linuxKind(path: string, probe: VolumeProbe): Promise<VolumeKind> {
  const info = probe.mountInfo ? await probe.mountInfo().catch(() => null) : null;
  const type = info === null ? null : fsTypeFromMountInfo(info, path);
  if (type !== null) return { network: isLinuxNetworkType(type), fsType: type };
  if (!probe.statfsType) return UNKNOWN;
  const magic = await probe.statfsType(path);
  const name = LINUX_NETWORK_MAGIC.get(magic >>> 0);
  return name ? { network: true, fsType: name } : UNKNOWN;
}

/** Longest wait for `mount` / `net use` (they may touch a hung share's server). */
const COMMAND_TIMEOUT_MS = 3000;

function runText(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { timeout: COMMAND_TIMEOUT_MS, windowsHide: true, maxBuffer: 1024 * 1024 }, (err, stdout) =>
      err ? reject(err) : resolve(stdout),
    );
  });
}

/** The real probes of this machine. */
export function defaultProbe(platform: NodeJS.Platform = process.platform): VolumeProbe {
  return {
    platform,
    mountInfo: () => readFile('/proc/self/mountinfo', 'utf8'),
    statfsType: async (path) => Number((await statfs(path)).type),
    mountTable: () => runText('/sbin/mount', []),
    netUse: () => runText('net', ['use']),
  };
}
