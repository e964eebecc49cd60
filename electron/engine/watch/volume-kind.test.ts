// Network file system detection, each platform's part fed with real-looking
// inputs (mount tables as the OS prints them), plus this machine's own answer.
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { chooseWatch } from './watch-choice';
import {
  detectVolumeKind,
  fsTypeFromMacMount,
  fsTypeFromMountInfo,
  isLinuxNetworkType,
  windowsVolumeKind,
} from './volume-kind';

const MOUNTINFO = [
  '26 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw',
  '44 26 0:39 / /tmp/msm-share-1R4XdG/mnt rw,nosuid,nodev,relatime - fuse.sshfs root@127.0.0.1:/srv rw,user_id=0,group_id=0',
  '45 26 0:40 / /mnt/4D\\040Server rw,relatime - cifs //srv/data rw,vers=3.1.1',
  '46 26 0:41 / /mnt/nfs rw,relatime - nfs4 srv:/export rw',
  '47 46 8:2 / /mnt/nfs/local rw,relatime - ext4 /dev/sdb1 rw',
  '48 26 8:3 / /media/usb rw,relatime - fuseblk /dev/sdc1 rw',
].join('\n');

describe('Linux: /proc/self/mountinfo', () => {
  it('names the type of the longest mount point above the path', () => {
    expect(fsTypeFromMountInfo(MOUNTINFO, '/tmp/msm-share-1R4XdG/mnt/MobileApps')).toBe('fuse.sshfs');
    expect(fsTypeFromMountInfo(MOUNTINFO, '/tmp/msm-share-1R4XdG/mnt')).toBe('fuse.sshfs');
    expect(fsTypeFromMountInfo(MOUNTINFO, '/tmp/msm-share-1R4XdG/mntx')).toBe('ext4');
    expect(fsTypeFromMountInfo(MOUNTINFO, '/mnt/4D Server/MobileApps')).toBe('cifs'); // \040 is a space
    expect(fsTypeFromMountInfo(MOUNTINFO, '/mnt/nfs/local/MobileApps')).toBe('ext4');
    expect(fsTypeFromMountInfo(MOUNTINFO, '/mnt/nfs/MobileApps')).toBe('nfs4');
  });

  it('counts network and FUSE types, not local disks driven through FUSE', () => {
    for (const t of ['nfs', 'nfs4', 'cifs', 'smb3', 'fuse.sshfs', 'fuse.rclone', '9p', 'ceph', 'afs', 'davfs'])
      expect(isLinuxNetworkType(t)).toBe(true);
    for (const t of ['ext4', 'xfs', 'btrfs', 'tmpfs', 'overlay', 'fuseblk', 'apfs'])
      expect(isLinuxNetworkType(t)).toBe(false);
  });

  it('falls back to statfs magic numbers when mountinfo cannot be read', async () => {
    const probe = (magic: number) => ({
      platform: 'linux' as const,
      mountInfo: () => Promise.reject(new Error('EACCES')),
      statfsType: async () => magic,
    });
    expect(await detectVolumeKind('/x', probe(0x6969))).toEqual({ network: true, fsType: 'nfs' });
    expect(await detectVolumeKind('/x', probe(0xfe534d42))).toEqual({ network: true, fsType: 'smb2' });
    expect(await detectVolumeKind('/x', probe(0xef53))).toEqual({ network: false, fsType: null });
  });

  it('says a temporary folder of this machine is local', async () => {
    const dir = realpathSync(mkdtempSync(`${tmpdir()}/msm-kind-`));
    try {
      const kind = await detectVolumeKind(dir);
      if (process.platform === 'linux') expect(kind.network).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('macOS: mount output', () => {
  const MOUNT = [
    '/dev/disk3s1s1 on / (apfs, sealed, local, read-only, journaled)',
    '//admin@fileserver._smb._tcp.local/4D on /Volumes/4D (smbfs, nodev, nosuid, mounted by admin)',
    'srv:/export on /Volumes/nfs share (nfs, asynchronous)',
    'map auto_home on /System/Volumes/Data/home (autofs, automounted, nobrowse)',
  ].join('\n');
  it('names the type of the mount holding the path', async () => {
    expect(fsTypeFromMacMount(MOUNT, '/Volumes/4D/Server/MobileApps')).toBe('smbfs');
    expect(fsTypeFromMacMount(MOUNT, '/Volumes/nfs share/MobileApps')).toBe('nfs');
    expect(fsTypeFromMacMount(MOUNT, '/Users/admin/MobileApps')).toBe('apfs');
    expect(
      await detectVolumeKind('/Volumes/4D/MobileApps', { platform: 'darwin', mountTable: async () => MOUNT }),
    ).toEqual({ network: true, fsType: 'smbfs' });
    expect(await detectVolumeKind('/Users/a', { platform: 'darwin', mountTable: async () => MOUNT })).toEqual({
      network: false,
      fsType: 'apfs',
    });
  });
});

describe('Windows: UNC paths and mapped drives', () => {
  const NET_USE = [
    'Status       Local     Remote                    Network',
    '',
    'OK           Z:        \\\\fileserver\\4D             Microsoft Windows Network',
    'The command completed successfully.',
  ].join('\r\n');
  it('knows UNC paths, mapped drives and local drives', () => {
    expect(windowsVolumeKind('\\\\fileserver\\4D\\MobileApps', null)).toEqual({ network: true, fsType: 'UNC' });
    expect(windowsVolumeKind('\\\\?\\UNC\\fileserver\\4D\\MobileApps', null)).toEqual({ network: true, fsType: 'UNC' });
    expect(windowsVolumeKind('\\\\?\\C:\\Data\\MobileApps', null).network).toBe(false);
    expect(windowsVolumeKind('Z:\\MobileApps', NET_USE)).toEqual({ network: true, fsType: 'mapped network drive' });
    expect(windowsVolumeKind('z:/MobileApps', NET_USE).network).toBe(true);
    expect(windowsVolumeKind('C:\\MobileApps', NET_USE).network).toBe(false);
  });
});

describe('the watch mode chosen', () => {
  const share = async () => ({ network: true, fsType: 'fuse.sshfs' });
  const local = async () => ({ network: false, fsType: 'ext4' });
  it('Auto polls a share and watches a local disk natively; a choice or a forced mode wins', async () => {
    expect(await chooseWatch('/m', { preference: 'auto', detect: share })).toEqual({
      mode: 'polling',
      preference: 'auto',
      reason: 'network',
      fsType: 'fuse.sshfs',
      network: true,
    });
    expect(await chooseWatch('/m', { preference: 'auto', detect: local })).toMatchObject({
      mode: 'native',
      reason: 'local',
    });
    expect(await chooseWatch('/m', { preference: 'native', detect: share })).toMatchObject({
      mode: 'native',
      reason: 'chosen',
      network: true,
    });
    expect(await chooseWatch('/m', { preference: 'native', forced: 'polling', detect: local })).toMatchObject({
      mode: 'polling',
      reason: 'forced',
    });
  });

  it('treats a share that does not answer the detection as a network share', async () => {
    const hung = () => new Promise<never>(() => {});
    expect(await chooseWatch('/m', { preference: 'auto', detect: hung, detectTimeoutMs: 20 })).toMatchObject({
      mode: 'polling',
      reason: 'network',
    });
  });
});
