/**
 * The member's signing key, made and kept in this browser: an Ed25519 key pair from WebCrypto
 * whose private half cannot be exported, stored in IndexedDB (which keeps CryptoKey objects as
 * they are). One key per organization and person.
 */
import { toBase64 } from '../../core/bytes.js';
import { buffer } from '../../verify/web-crypto.js';

const DATABASE = 'collegium';
const STORE = 'keys';

export interface DeviceKey {
  readonly org: string;
  readonly person: string;
  /** Base64 of the 32-byte public key, as the record names keys. */
  readonly publicKey: string;
  readonly privateKey: CryptoKey;
  readonly created: string;
  /** The person's name as the invitation gave it: the sign-in page shows it before the record
   * may be read. */
  readonly name?: string;
  /** The hex SHA-256 of the invitation token it was made to enrol on: a retry enrols it again. */
  readonly invitation?: string;
}

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => {
      request.result.createObjectStore(STORE, { keyPath: ['org', 'person'] });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB is not available'));
  });
}

async function withStore<T>(
  mode: IDBTransactionMode,
  work: (store: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const transaction = db.transaction(STORE, mode);
      const request = work(transaction.objectStore(STORE));
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB failed'));
    });
  } finally {
    db.close();
  }
}

/** A new key pair; the private key never leaves WebCrypto. */
export async function createKey(org: string, person: string, name?: string): Promise<DeviceKey> {
  const pair = await crypto.subtle.generateKey('Ed25519', false, ['sign', 'verify']);
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  return {
    org,
    person,
    publicKey: toBase64(raw),
    privateKey: pair.privateKey,
    created: new Date().toISOString(),
    ...(name !== undefined ? { name } : {}),
  };
}

export async function saveKey(key: DeviceKey): Promise<void> {
  await withStore('readwrite', (store) => store.put(key));
}

export async function loadKey(org: string, person: string): Promise<DeviceKey | undefined> {
  return withStore<DeviceKey | undefined>('readonly', (store) => store.get([org, person]));
}

/** The keys this browser holds for the organization. */
export async function listKeys(org: string): Promise<DeviceKey[]> {
  const all = await withStore<DeviceKey[]>('readonly', (store) => store.getAll());
  return all.filter((key) => key.org === org);
}

export async function signEd25519(privateKey: CryptoKey, message: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.sign('Ed25519', privateKey, buffer(message)));
}
