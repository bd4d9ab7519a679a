/** A TCP proxy in front of PostgreSQL, for tests of a database that goes away and comes back. */
import { connect, createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { POSTGRES_URL } from './stores.js';

/**
 * A TCP proxy to PostgreSQL that forwards, drops every connection, or stalls them; or, for the one
 * connection that sends a statement, freezes it once the statement has reached the server
 * (`freezeAfter`: a process paused, or cut off by a network that leaves PostgreSQL's end open), or
 * cuts it before (`cutAt`: the connection lost, or the process killed, between two statements).
 */
export class PostgresProxy {
  mode: 'forward' | 'down' | 'stall' = 'forward';
  private readonly sockets = new Set<Socket>();
  /** The text whose sending freezes or cuts its connection, and what then (once). */
  private trap: { text: string; cut: boolean; sprung: () => void } | undefined;
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

  /**
   * Freezes the next connection that sends `text` (a statement), once it has reached the server:
   * neither end hears from the other again, and the server's end stays open. Resolves then.
   */
  freezeAfter(text: string): Promise<void> {
    return new Promise((sprung) => (this.trap = { text, cut: false, sprung }));
  }

  /** Cuts the next connection that sends `text`, before it reaches the server. Resolves then. */
  cutAt(text: string): Promise<void> {
    return new Promise((sprung) => (this.trap = { text, cut: true, sprung }));
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
    // Heard before the pipe forwards: a cut comes before the statement reaches the server.
    client.on('data', (chunk: Buffer) => this.spring(chunk, client, server));
    client.pipe(server);
    server.pipe(client);
  }

  private spring(chunk: Buffer, client: Socket, server: Socket): void {
    const trap = this.trap;
    if (trap === undefined || !chunk.includes(trap.text)) return;
    this.trap = undefined;
    if (trap.cut) {
      client.destroy();
      server.destroy();
      return trap.sprung();
    }
    // Sent on by the pipe (after this listener), then nothing more either way.
    setImmediate(() => {
      for (const socket of [client, server]) {
        socket.unpipe();
        socket.pause();
      }
      trap.sprung();
    });
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
