// A TCP proxy on loopback that holds every chunk for a fixed delay in each
// direction and counts the bytes it carries: the "network" of the test share.
// sshfs talks to it instead of sshd, so each SFTP round trip costs 2 × delayMs
// and the byte counters are the traffic a real share would put on the wire.

import { createConnection, createServer, type Server, type Socket } from 'node:net';

export interface DelayProxy {
  port: number;
  /** Bytes carried so far, client→server and server→client. */
  bytes(): { up: number; down: number };
  close(): Promise<void>;
}

export async function startDelayProxy(targetPort: number, delayMs: number): Promise<DelayProxy> {
  let up = 0;
  let down = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = createConnection({ host: '127.0.0.1', port: targetPort });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    pipeDelayed(client, upstream, delayMs, (n) => (up += n));
    pipeDelayed(upstream, client, delayMs, (n) => (down += n));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('proxy has no port');
  return {
    port: address.port,
    bytes: () => ({ up, down }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

// Chunks keep their order: each is released delayMs after it arrived, and
// timers with equal delays fire in the order they were set.
function pipeDelayed(from: Socket, to: Socket, delayMs: number, count: (n: number) => void): void {
  from.on('data', (chunk: Buffer) => {
    count(chunk.length);
    setTimeout(() => {
      if (!to.destroyed) to.write(chunk);
    }, delayMs);
  });
  from.on('end', () => setTimeout(() => to.end(), delayMs));
}
