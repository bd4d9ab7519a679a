/**
 * The convene form's reading of a notice (src/web/lib/notice.ts) and the agenda as core reads it
 * for the console (src/core/minutes/agenda.ts): the earliest day the notice period allows as the
 * record counts it, the agenda's problems, the act's agenda with each file sent once, moving
 * items, an item's drafted motion and where it stands.
 */
import { describe, expect, it } from 'vitest';
import { agendaItemStanding, motionOfItem } from '../../src/core/minutes/agenda.js';
import { agendaOf, agendaProblems, earliestDay, moved, newItem } from '../../src/web/lib/notice.js';
import type { ItemDraft } from '../../src/web/lib/notice.js';

const upload = (name: string, hash: string) => ({
  attachment: { name, hash, size: 3 },
  file: { name, data: 'YWJj' },
});
const item = (change: Partial<ItemDraft>): ItemDraft => ({ ...newItem([]), ...change });

describe('earliestDay', () => {
  it('counts from the notice to the first moment of the session’s day', () => {
    expect(earliestDay(Date.parse('2027-03-01T00:00:00Z'), 7)).toBe('2027-03-08');
    // Sent later in the day, a week later would be short by those hours.
    expect(earliestDay(Date.parse('2027-03-01T10:00:00Z'), 7)).toBe('2027-03-09');
  });
});

describe('the agenda as typed', () => {
  it('names ids that are not ids, ids taken above and items without a title', () => {
    const items = [
      item({ item: '1', title: 'Budget' }),
      item({ item: '1', title: '' }),
      item({ item: 'Not An Id', title: 'Roof' }),
    ];
    expect(agendaProblems(items)).toEqual([
      'Item 2: the id "1" is taken by an item above.',
      'Item 2 has no title.',
      expect.stringMatching(/^Item 3: an id is lowercase Latin letters \(a-z\)/),
    ]);
    expect(agendaProblems([item({ item: '1', title: 'Budget' })])).toEqual([]);
  });

  it('gives the act’s agenda, each file sent once, and the ratification as a reference', () => {
    const ref = { session: 's1', motion: 'm1' };
    const a = upload('a.pdf', 'a'.repeat(64));
    const { agenda, files } = agendaOf([
      item({ item: '1', title: ' Budget ', motion: ' Adopt it. ', uploads: [a] }),
      item({
        item: '2',
        title: 'Ratify',
        ratifies: ref,
        minutes: 's0',
        uploads: [a],
      }),
    ]);
    expect(agenda).toEqual([
      { item: '1', title: 'Budget', motion: 'Adopt it.', attachments: [a.attachment] },
      { item: '2', title: 'Ratify', attachments: [a.attachment], ratifies: ref, minutes: 's0' },
    ]);
    expect(files).toEqual([a.file]);
  });

  it('moves an item up or down where it can go, and numbers a new one after the others', () => {
    expect(moved(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moved(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(newItem([item({ item: '2' })]).item).toBe('3');
  });
});

describe('an agenda item in the console', () => {
  it('drafts its motion from the item, the proposer’s own words winning', () => {
    const approves = { session: 's0', content: 'f'.repeat(64) };
    const minutes = { item: '3', title: 'Minutes', motion: 'Approve them.', minutes: 's0' };
    expect(motionOfItem(minutes, approves)).toEqual({ text: 'Approve them.', approves, item: '3' });
    expect(motionOfItem({ item: '4', title: 'AOB' }, approves)).toEqual({ item: '4' });
    expect(motionOfItem(minutes, approves, { text: 'Approve.' }).text).toBe('Approve.');
  });

  it('stands waiting, proposed or voting until every motion under it is decided, then decided', () => {
    expect(agendaItemStanding('1', [{ item: '2', status: 'closed' }])).toBe('waiting');
    const under = [
      { item: '1', status: 'closed' },
      { item: '1', status: 'open' },
    ];
    expect(agendaItemStanding('1', under)).toBe('voting');
    expect(agendaItemStanding('1', [...under.slice(0, 1), { item: '1', status: 'proposed' }])).toBe(
      'proposed',
    );
    expect(agendaItemStanding('1', under.slice(0, 1))).toBe('decided');
  });
});
