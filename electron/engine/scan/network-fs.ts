// Whether a folder lives on a network (or FUSE) file system, from statfs's f_type
// on Linux. Elsewhere the numbers mean other things (macOS numbers its file system
// types at boot), so a scan also switches when it sees reads taking round trips.

/** Linux f_type magic numbers (linux/magic.h and the file systems' own headers). */
const LINUX_NETWORK_FS = new Set<number>([
  0x6969, // nfs
  0x517b, // smb
  0xff534d42, // cifs
  0xfe534d42, // smb2
  0x65735546, // fuse (sshfs, and every fuse.* mount)
  0x5346414f, // afs
  0x01021997, // 9p (v9fs)
  0x00c36400, // ceph
  0x564c, // ncp
  0x47504653, // gpfs
  0x0bd00bd0, // lustre
]);

export function isNetworkFsType(type: number | bigint): boolean {
  return process.platform === 'linux' && LINUX_NETWORK_FS.has(Number(type));
}
