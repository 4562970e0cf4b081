import { createConnection, createServer, type Socket } from 'node:net';

/**
 * A TCP relay to a server (here the shared PostgreSQL) that a test can freeze: while frozen, bytes
 * are held in both directions and new connections wait, so the server looks hung to its clients
 * (like a paused process or a black-holed network) without stopping a server other tests share.
 */
export interface FreezableLink {
  port: number;
  freeze: () => void;
  thaw: () => void;
  close: () => Promise<void>;
}

export async function startFreezableLink(targetPort: number, targetHost = '127.0.0.1'): Promise<FreezableLink> {
  let frozen = false;
  const held: (() => void)[] = [];
  const sockets = new Set<Socket>();
  const whenThawed = (action: () => void) => (frozen ? held.push(action) : action());

  const server = createServer((client) => {
    sockets.add(client);
    client.pause();
    whenThawed(() => {
      const upstream = createConnection({ port: targetPort, host: targetHost });
      sockets.add(upstream);
      const relay = (from: Socket, to: Socket) => {
        from.on('data', (chunk) => whenThawed(() => to.write(chunk)));
        from.on('end', () => whenThawed(() => to.end()));
        from.on('error', () => to.destroy());
        from.on('close', () => sockets.delete(from));
      };
      relay(client, upstream);
      relay(upstream, client);
      client.resume();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    freeze: () => {
      frozen = true;
    },
    thaw: () => {
      frozen = false;
      held.splice(0).forEach((action) => action());
    },
    close: async () => {
      frozen = false;
      held.splice(0).forEach((action) => action());
      sockets.forEach((socket) => socket.destroy());
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
