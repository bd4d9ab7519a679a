/** A TCP proxy in front of PostgreSQL, for tests of a database that goes away and comes back. */
import { connect, createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { POSTGRES_URL } from './stores.js';

/** A TCP proxy to PostgreSQL that forwards, drops every connection, or stalls them. */
export class PostgresProxy {
  mode: 'forward' | 'down' | 'stall' = 'forward';
  private readonly sockets = new Set<Socket>();
  private readonly server: Server = createServer((client) => this.accept(client));
  private readonly upstream = new URL(POSTGRES_URL);

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as { port: number }).port;
  }

  /** Changes mode; every connection open now is cut (down) or frozen (stall). */
  set(mode: PostgresProxy['mode']): void {
    this.mode = mode;
    for (const socket of this.sockets) {
      if (mode === 'down') socket.destroy();
      if (mode === 'stall') {
        socket.unpipe();
        socket.pause();
      }
    }
    // Back to forwarding: the frozen connections are cut, as a database that restarted would.
    if (mode === 'forward') for (const socket of this.sockets) socket.destroy();
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private accept(client: Socket): void {
    this.track(client);
    if (this.mode === 'down') return void client.destroy();
    if (this.mode === 'stall') return void client.pause();
    const server = this.track(connect(Number(this.upstream.port || 5432), this.upstream.hostname));
    client.pipe(server);
    server.pipe(client);
  }

  private track(socket: Socket): Socket {
    this.sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => this.sockets.delete(socket));
    return socket;
  }
}

/** `location` (a postgres:// URL) reached through the proxy on `port`, with `settings` set. */
export function throughProxy(
  location: string,
  port: number,
  settings: Readonly<Record<string, string>>,
): string {
  const url = new URL(location);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  for (const [name, value] of Object.entries(settings)) url.searchParams.set(name, value);
  return url.href;
}
