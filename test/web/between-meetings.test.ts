/**
 * What the browser computes for the pages between meetings (src/web/lib): the time left before a
 * deadline, the date-time inputs, the rule a question is put under, what awaits a member in the
 * inbox, an answer in words, the register's next number, and a file hashed as the record names it.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { nextNumberAfter } from '../../src/core/state/dispatches.js';
import {
  answerInWords,
  answersCounted,
  inboxCount,
  rulePayload,
} from '../../src/web/lib/answers.js';
import { fromLocalInput, timeLeft, toLocalInput } from '../../src/web/lib/deadline.js';
import { sizeInWords } from '../../src/core/words.js';
import { ATTACHMENT_LIMIT_HELP, DEFAULT_MAX_ATTACHMENT_BYTES } from '../../src/app/attachments.js';
import { readUpload, tooLarge } from '../../src/web/lib/files.js';
import type { InboxQuestion, MemberAnswer } from '../../src/web/lib/types.js';

const S = 1000;
const MIN = 60 * S;
const H = 60 * MIN;

describe('timeLeft', () => {
  it('says days and hours, then hours and minutes, then minutes and seconds', () => {
    expect(timeLeft(2 * 24 * H + 5 * H + 59 * MIN)).toBe('2 d 5 h');
    expect(timeLeft(3 * H + 7 * MIN + 59 * S)).toBe('3 h 07 min');
    expect(timeLeft(4 * MIN + 9 * S + 999)).toBe('4 min 09 s');
    expect(timeLeft(999)).toBe('0 min 00 s');
  });

  it('says a year or more as such, not as a count of days', () => {
    // A question is put for a year at most; a record written before may hold a deadline in 9999.
    expect(timeLeft(365 * 24 * H)).toBe('365 d 0 h');
    expect(timeLeft(Date.parse('9999-12-31T23:59:59.000Z') - Date.now())).toBe('more than a year');
    expect(timeLeft(367 * 24 * H)).toBe('more than a year');
  });

  it('says nothing once the deadline has passed', () => {
    expect(timeLeft(0)).toBeUndefined();
    expect(timeLeft(-1)).toBeUndefined();
    expect(timeLeft(Number.NaN)).toBeUndefined();
  });
});

describe('date-time inputs', () => {
  it('give back the local moment they show, to the minute', () => {
    const moment = new Date(2026, 11, 5, 9, 7, 30);
    expect(toLocalInput(moment)).toBe('2026-12-05T09:07');
    expect(fromLocalInput(toLocalInput(moment))).toBe(new Date(2026, 11, 5, 9, 7).toISOString());
  });

  it('read an empty or malformed input as no moment', () => {
    expect(fromLocalInput('')).toBeUndefined();
    expect(fromLocalInput('tomorrow')).toBeUndefined();
    expect(fromLocalInput('2026-13-45T99:99')).toBeUndefined();
  });
});

describe('rulePayload', () => {
  it('sends no rule for the body’s own, and the charter’s form otherwise', () => {
    expect(rulePayload({ kind: '' })).toEqual({});
    expect(rulePayload({ kind: 'unanimous' })).toEqual({ rule: 'unanimous' });
    expect(rulePayload({ kind: 'majority', majority: 'votes-cast', quorum: 0 })).toEqual({
      rule: { majority: 'votes-cast' },
    });
    expect(rulePayload({ kind: 'majority', majority: 'two-thirds', quorum: 3 })).toEqual({
      rule: { majority: 'two-thirds', quorum: { count: 3 } },
    });
  });
});

const answer = (over: Partial<MemberAnswer> = {}): MemberAnswer => ({
  choice: 'aye',
  at: '2026-12-02T10:00:00.000Z',
  index: 12,
  late: false,
  confirmed: false,
  ...over,
});

function question(over: Partial<InboxQuestion> = {}): InboxQuestion {
  return {
    id: 'q',
    body: 'board',
    bodyName: 'Board',
    text: 'Shall we?',
    by: 'hana',
    byName: 'Hana',
    deadline: '2026-12-05T10:00:00.000Z',
    status: 'open',
    asked: 3,
    answered: 0,
    forming: { outcome: 'rejected', explanation: 'rejected', settled: false },
    overdue: false,
    toConfirm: false,
    toAnswer: true,
    ...over,
  };
}

describe('the inbox', () => {
  it('counts the questions to answer and the recorded answers to confirm', () => {
    const questions = [
      question({ toAnswer: true }),
      question({ toAnswer: false, overdue: true }),
      question({ toAnswer: false, myAnswer: answer(), toConfirm: true }),
      question({ toAnswer: false, myAnswer: answer() }),
    ];
    expect(inboxCount(questions)).toEqual({ toAnswer: 1, toConfirm: 1 });
    expect(inboxCount(undefined)).toEqual({ toAnswer: 0, toConfirm: 0 });
  });
});

describe('answersCounted', () => {
  it('counts the answers that count, not those given: a late one past the deadline is not', () => {
    // Seven asked, one answered after the deadline: none counted, and the sentence says so.
    expect(answersCounted({ asked: 7, answered: 0, overdue: true })).toBe(
      '0 of 7 members asked have an answer counted',
    );
    expect(answersCounted({ asked: 3, answered: 1, overdue: false })).toBe(
      '1 of 3 members asked has an answer counted so far',
    );
    expect(answersCounted({ asked: 1, answered: 0, overdue: false })).toBe(
      '0 of 1 member asked have an answer counted so far',
    );
  });
});

describe('answerInWords', () => {
  const name = (id: string) => ({ hana: 'Hana Kowalski' })[id] ?? id;
  it('says how an answer came and where it stands', () => {
    const recorded = answer({ channel: 'telephone', recordedBy: 'hana' });
    expect(answerInWords(recorded, name)).toMatch(
      /^by telephone, recorded by Hana Kowalski; not yet confirmed by the member; /,
    );
    expect(answerInWords({ ...recorded, confirmed: true }, name)).toMatch(
      /; confirmed by the member; /,
    );
    expect(answerInWords({ ...recorded, disputed: { reason: 'I said aye' } }, name)).toMatch(
      /; disputed: I said aye; /,
    );
    expect(answerInWords(answer({ late: true }), name)).toMatch(
      /^signed by the member; after the deadline: not counted; /,
    );
    // A second answer says which it replaced, as the command line does.
    expect(answerInWords(answer({ replaced: { choice: 'nay', index: 12 } }), name)).toMatch(
      /; replacing nay \(entry 12\)$/,
    );
  });

  it('says a late answer to the second where, to the minute, it would read as its deadline', () => {
    const deadline = new Date(2026, 11, 7, 12, 0, 0).toISOString(); // local time
    const at = new Date(2026, 11, 7, 12, 0, 1).toISOString();
    expect(answerInWords(answer({ late: true, at }), name, true, deadline)).toBe(
      'signed by the member; after the deadline: not counted; 7 December 2026, 12:00:01',
    );
    const later = new Date(2026, 11, 7, 12, 5, 1).toISOString();
    expect(answerInWords(answer({ late: true, at: later }), name, true, deadline)).toMatch(
      /; 7 December 2026, 12:05$/,
    );
  });
});

describe('the register’s next number', () => {
  it('numbers within the year received, skipping numbers taken', () => {
    expect(nextNumberAfter([], '2026-12-02')).toBe('2026/1');
    expect(nextNumberAfter(['2026/1', '2025/7'], '2026-12-02')).toBe('2026/2');
    expect(nextNumberAfter(['2026/2'], '2026-01-01')).toBe('2026/3');
    expect(nextNumberAfter(['1', 'A-4'], 'the 3rd')).toBe('3');
  });
});

describe('files', () => {
  it('are hashed as the record names them and sent as base64', async () => {
    const bytes = new TextEncoder().encode('The boiler failed again.\n');
    const upload = await readUpload(new File([bytes], 'letter.txt'));
    expect(upload.attachment).toEqual({
      name: 'letter.txt',
      hash: createHash('sha256').update(bytes).digest('hex'),
      size: bytes.length,
    });
    expect(upload.file).toEqual({
      name: 'letter.txt',
      data: Buffer.from(bytes).toString('base64'),
    });
  });

  it('give their size in words', () => {
    expect(sizeInWords(1)).toBe('1 byte');
    expect(sizeInWords(812)).toBe('812 bytes');
    expect(sizeInWords(1023)).toBe('1023 bytes');
    expect(sizeInWords(14_200)).toBe('13.9 KiB');
    expect(sizeInWords(1024 * 1024 - 1)).toBe('1 MiB');
    expect(sizeInWords(3_100_000)).toBe('3 MiB');
    // The default limit of a file, as the command line's help says it.
    expect(sizeInWords(DEFAULT_MAX_ATTACHMENT_BYTES)).toBe('10 MiB');
    expect(ATTACHMENT_LIMIT_HELP).toContain('default 10 MiB');
  });
});

describe('files larger than the server takes', () => {
  const MiB = 1024 * 1024;

  it('are named, with their size and the limit, before any is read', () => {
    expect(tooLarge([{ name: 'letter.txt', size: 10 * MiB }], 10 * MiB)).toBeUndefined();
    expect(
      tooLarge(
        [
          { name: 'scan.pdf', size: 14_600_000 },
          { name: 'letter.txt', size: 900 },
        ],
        10 * MiB,
      ),
    ).toBe(
      'scan.pdf is 13.9 MiB, more than the server takes: at most 10 MiB (10,485,760 bytes) a file. It is not attached.',
    );
    expect(
      tooLarge(
        [
          { name: 'a.tiff', size: 2001 },
          { name: 'b.tiff', size: 3000 },
        ],
        2000,
      ),
    ).toBe(
      'a.tiff is 2 KiB (2,001 bytes), b.tiff is 2.9 KiB, more than the server takes: at most 2 KiB (2,000 bytes) a file. They are not attached.',
    );
  });
});
