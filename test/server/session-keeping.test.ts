/**
 * Sessions kept in memory where the database tells of each one ended: kept only while it tells,
 * forgotten as soon as one is told ended (or all of them, for a sweep or a telling interrupted),
 * and never kept when read while an end was being told. Where the database tells instead that
 * another connection wrote (SQLite), all are forgotten then. A kept session is read again once
 * its last use is as old as a touch.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { SESSION_COOKIE, Sessions } from '../../src/server/auth.js';
import type { ChannelNote } from '../../src/store/postgres-watch.js';
import type { StoredWebSession, WebSessionStore } from '../../src/store/web-sessions.js';

const ID = 'a'.repeat(43);
const request = { cookies: { [SESSION_COOKIE]: ID } } as unknown as FastifyRequest;

/**
 * A shared store of one session that counts its reads and lets the test tell notes; `telling`
 * 'writers' tells instead that another connection wrote (as SQLite does), when `wroteElsewhere`.
 */
function sharedStore(telling: boolean | 'writers', lastSeen = Date.now()) {
  const rows = new Map<string, StoredWebSession>([
    [ID, { id: ID, person: 'ada', key: null, lastSeen }],
  ]);
  let told: ((note: ChannelNote) => void) | undefined;
  let beforeRead: () => void = () => undefined;
  let touching: () => void = () => undefined;
  let written = false;
  const store = {
    reads: 0,
    csrfKey: async () => new Uint8Array(32),
    /** The ids each read asked for. */
    asked: [] as string[][],
    sessions: async (ids: readonly string[]) => {
      store.reads++;
      store.asked.push([...ids]);
      const found = ids.flatMap((id) => rows.get(id) ?? []);
      beforeRead();
      return found;
    },
    putSession: async (session: StoredWebSession) => void rows.set(session.id, session),
    sweepSessions: async () => undefined,
    sweepChallenges: async () => undefined,
    endSession: async (id: string) => void rows.delete(id),
    touchSession: async () => touching(),
    ...(telling === 'writers'
      ? {
          writtenElsewhere: () => {
            const was = written;
            written = false;
            return was;
          },
        }
      : {}),
    ...(telling === true
      ? {
          watchEnded: async (listener: (note: ChannelNote) => void) => {
            told = listener;
            listener({ kind: 'listening' });
            return async () => undefined;
          },
        }
      : {}),
  };
  return {
    store,
    shared: store as unknown as WebSessionStore,
    tell: (note: ChannelNote) => told!(note),
    endElsewhere: () => rows.delete(ID),
    wroteElsewhere: () => (written = true),
    whileReading: (f: () => void) => (beforeRead = f),
    whileTouching: (f: () => void) => (touching = f),
  };
}

const sessions = (shared: WebSessionStore, now = () => Date.now()) =>
  new Sessions(shared, now, 3_600_000, 60_000, () => true);

describe('sessions kept in memory', () => {
  /** A session kept where the database tells (`telling`): asked for twice, read once. */
  async function keptSession(telling: true | 'writers') {
    const told = sharedStore(telling);
    const kept = sessions(told.shared);
    await kept.follow();
    for (let i = 0; i < 2; i++) expect((await kept.visitor(request))?.person).toBe('ada');
    expect(told.store.reads).toBe(1);
    return { ...told, kept };
  }

  it('are read once while ends are told, and read again once one is told ended', async () => {
    const { store, kept, tell, endElsewhere } = await keptSession(true);
    endElsewhere();
    tell({ kind: 'notified', payload: ID });
    expect((await kept.visitor(request))?.person).toBeNull();
    expect(store.reads).toBe(2);
  });

  it('are kept where the database tells of other writers, and all forgotten once one wrote', async () => {
    const { store, kept, endElsewhere, wroteElsewhere } = await keptSession('writers');
    endElsewhere();
    wroteElsewhere();
    // Asked once a turn of the event loop: the next turn knows.
    expect((await kept.visitor(request))?.person).toBe('ada');
    await new Promise((resolve) => setImmediate(resolve));
    expect((await kept.visitor(request))?.person).toBeNull();
    expect(store.reads).toBe(2);
  });

  it('are read again once their last use is as old as a touch', async () => {
    let now = Date.now();
    const { store, shared } = sharedStore(true, now);
    const kept = sessions(shared, () => now);
    await kept.follow();
    await kept.visitor(request);
    now += 60_000;
    await kept.visitor(request);
    expect(store.reads).toBe(1);
    now += 1;
    await kept.visitor(request);
    expect(store.reads).toBe(2);
  });

  it('are all forgotten by a sweep, and not kept while the telling is lost', async () => {
    const { store, shared, tell } = sharedStore(true);
    const kept = sessions(shared);
    await kept.follow();
    await kept.visitor(request);
    tell({ kind: 'notified', payload: '' });
    await kept.visitor(request);
    expect(store.reads).toBe(2);
    tell({ kind: 'lost' });
    await kept.visitor(request);
    await kept.visitor(request);
    expect(store.reads).toBe(4);
    tell({ kind: 'listening' });
    await kept.visitor(request);
    await kept.visitor(request);
    expect(store.reads).toBe(5);
  });

  it('are not kept when read while an end was told, nor where the database tells nothing', async () => {
    const told = sharedStore(true);
    const kept = sessions(told.shared);
    await kept.follow();
    told.whileReading(() => told.tell({ kind: 'notified', payload: 'b'.repeat(43) }));
    await kept.visitor(request);
    told.whileReading(() => undefined);
    await kept.visitor(request);
    expect(told.store.reads).toBe(2);

    const silent = sharedStore(false);
    const unkept = sessions(silent.shared);
    await unkept.follow();
    await unkept.visitor(request);
    await unkept.visitor(request);
    expect(silent.store.reads).toBe(2);
  });

  it('are not kept when an end was told while their last use was being written', async () => {
    const told = sharedStore(true, Date.now() - 120_000);
    const kept = sessions(told.shared);
    await kept.follow();
    told.whileTouching(() => told.tell({ kind: 'notified', payload: ID }));
    await kept.visitor(request);
    await kept.visitor(request);
    expect(told.store.reads).toBe(2);
  });

  it('know a session started on this instance without reading it', async () => {
    const { store, shared } = sharedStore(true);
    const kept = sessions(shared);
    await kept.follow();
    const reply = { setCookie: () => reply } as unknown as FastifyReply;
    const started = await kept.start(request, reply, 'grace', 'a-key');
    const cookie = { cookies: { [SESSION_COOKIE]: started.id } } as unknown as FastifyRequest;
    expect(await kept.visitor(cookie)).toMatchObject({ person: 'grace', key: 'a-key' });
    expect(store.reads).toBe(0);
  });

  it('read the sessions of requests that come at once in one read', async () => {
    const ids = ['b', 'c', 'd', 'e'].map((c) => c.repeat(43));
    const { store, shared } = sharedStore(false);
    for (const id of ids)
      await shared.putSession({ id, person: id[0]!, key: null, lastSeen: Date.now() });
    const unkept = sessions(shared);
    const asking = (id: string) =>
      ({ cookies: { [SESSION_COOKIE]: id } }) as unknown as FastifyRequest;
    const visitors = await Promise.all([ID, ...ids, ID].map((id) => unkept.visitor(asking(id))));
    expect(visitors.map((v) => v?.person)).toEqual(['ada', 'b', 'c', 'd', 'e', 'ada']);
    // The first is read alone; the others, asked while it was read, all in the next read (the
    // first again too: its read had begun before it was asked for the second time).
    expect(store.asked).toEqual([[ID], [...ids, ID]]);
  });
});
