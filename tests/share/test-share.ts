// A real network share for tests and benches: sshd on a loopback port with a
// throw-away key, the delaying proxy in front of it, and sshfs mounting the
// "server's" folder through the proxy with the client caches SMB/NFS clients
// have (1 s). Files written into `serverDir` directly are the server's changes;
// the app sees the folder through `mountDir`.
// Needs root (sshd) plus sshfs, ssh-keygen and /dev/fuse: `shareUnavailable()`
// says why when they are missing so a test can be skipped with the reason.

import { execFileSync, fork, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ShareTraffic {
  /** Bytes carried so far through the proxy, client→server and server→client. */
  bytes(): Promise<{ up: number; down: number }>;
}

export interface TestShare {
  serverDir: string;
  mountDir: string;
  proxy: ShareTraffic;
  close(): Promise<void>;
}

export interface TestShareOptions {
  /** Delay added to each chunk in each direction (default 1 ms: a 2 ms round trip). */
  delayMs?: number;
  /** sshfs cache timeouts in seconds (default 1). */
  cacheSeconds?: number;
}

const SSHD = '/usr/sbin/sshd';

export function shareUnavailable(): string | null {
  if (process.platform !== 'linux') return 'the test share needs Linux (sshfs + FUSE)';
  if (process.getuid?.() !== 0) return 'the test share needs root (it starts sshd)';
  for (const bin of ['sshfs', 'ssh-keygen', 'fusermount']) {
    try {
      execFileSync('sh', ['-c', `command -v ${bin}`], { stdio: 'ignore' });
    } catch {
      return `${bin} is not installed (apt-get install -y sshfs openssh-server)`;
    }
  }
  if (!existsSync(SSHD)) return 'sshd is not installed (apt-get install -y openssh-server)';
  if (!existsSync('/dev/fuse')) return '/dev/fuse is missing';
  return null;
}

export async function startTestShare(options: TestShareOptions = {}): Promise<TestShare> {
  const base = await mkdtemp(join(tmpdir(), 'msm-share-'));
  const serverDir = join(base, 'server');
  const mountDir = join(base, 'mnt');
  await Promise.all([mkdir(serverDir), mkdir(mountDir)]);
  const key = join(base, 'id_ed25519');
  const hostKey = join(base, 'host_ed25519');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', key]);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', hostKey]);
  const sshdPort = await freePort();
  const config = join(base, 'sshd_config');
  await writeFile(
    config,
    [
      `Port ${sshdPort}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${hostKey}`,
      `AuthorizedKeysFile ${key}.pub`,
      'PermitRootLogin yes',
      'PasswordAuthentication no',
      'UsePAM no',
      'StrictModes no',
      `PidFile ${join(base, 'sshd.pid')}`,
      'Subsystem sftp internal-sftp',
      '',
    ].join('\n'),
  );
  await mkdir('/run/sshd', { recursive: true });
  const sshd = spawn(SSHD, ['-D', '-e', '-f', config], { stdio: 'ignore' });
  const { child: proxyChild, port: proxyPort } = await startProxyProcess(sshdPort, options.delayMs ?? 1);
  const cache = String(options.cacheSeconds ?? 1);
  await waitForPort(sshdPort);
  // Asynchronous: the proxy runs in this process and must keep forwarding while sshfs connects.
  await run('sshfs', [
    `root@127.0.0.1:${serverDir}`,
    mountDir,
    '-p',
    String(proxyPort),
    '-o',
    [
      `IdentityFile=${key}`,
      'StrictHostKeyChecking=no',
      'UserKnownHostsFile=/dev/null',
      'LogLevel=ERROR',
      `dcache_timeout=${cache}`,
      `attr_timeout=${cache}`,
      `entry_timeout=${cache}`,
    ].join(','),
  ]);
  return {
    serverDir,
    mountDir,
    proxy: { bytes: () => askBytes(proxyChild) },
    close: () => closeShare(mountDir, proxyChild, sshd, base),
  };
}

async function closeShare(mountDir: string, proxy: ChildProcess, sshd: ChildProcess, base: string): Promise<void> {
  try {
    execFileSync('fusermount', ['-u', '-z', mountDir], { stdio: 'ignore' });
  } catch {
    // already unmounted
  }
  proxy.kill();
  sshd.kill();
  await rm(base, { recursive: true, force: true });
}

function startProxyProcess(targetPort: number, delayMs: number): Promise<{ child: ChildProcess; port: number }> {
  const script = new URL('./delay-proxy-process.ts', import.meta.url).pathname;
  const child = fork(script, [String(targetPort), String(delayMs)], {
    execArgv: ['--import', 'tsx'],
    stdio: 'inherit',
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the delay proxy exited (${code})`)));
    child.once('message', (m) => {
      const port = typeof m === 'object' && m !== null && 'port' in m ? Number(m.port) : NaN;
      if (Number.isInteger(port)) resolve({ child, port });
      else reject(new Error('the delay proxy sent no port'));
    });
  });
}

function askBytes(child: ChildProcess): Promise<{ up: number; down: number }> {
  return new Promise((resolve) => {
    child.once('message', (m) => {
      const b = m as { up?: unknown; down?: unknown };
      resolve({ up: Number(b.up ?? 0), down: Number(b.down ?? 0) });
    });
    child.send('bytes');
  });
}

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} failed (${code}): ${stderr.trim()}`)),
    );
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = a !== null && typeof a !== 'string' ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const c = createConnection({ host: '127.0.0.1', port }, () => {
        c.destroy();
        resolve(true);
      });
      c.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`sshd did not listen on port ${port}`);
}
