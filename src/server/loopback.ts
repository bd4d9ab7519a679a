/** Addresses only this machine can reach, and the Host names that stand for them. */
import { isIP } from 'node:net';

/** Whether only this machine can reach the address: 127.0.0.0/8, ::1, localhost. */
export function isLoopback(host: string): boolean {
  const address = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (address === 'localhost' || address === '::1') return true;
  const v4 = address.replace(/^::ffff:/, '');
  return isIP(v4) === 4 && v4.startsWith('127.');
}

/**
 * Whether a request's Host header names this machine by a loopback address or name, whatever
 * its port. Any other name that reaches a server listening on loopback is a page's own name
 * pointed at 127.0.0.1 (DNS rebinding): that page may not use the server as its own origin.
 */
export function isLoopbackHost(header: string): boolean {
  try {
    return isLoopback(new URL(`http://${header}`).hostname);
  } catch {
    return false;
  }
}
