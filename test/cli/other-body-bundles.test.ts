/**
 * An instrument's bundle proves the body whose decision it rests on: one of its own body, or of a
 * body it delegates to, is accepted; one resting on another body's decision (which a live draft is
 * refused, and a transcription records flagged) is refused by the recipient's check, which does
 * not see the record's flag.
 */
import { describe, expect, it } from 'vitest';
import { boardCharter, bundleRecord } from '../support/bundle-record.js';

const CHARTER = boardCharter(
  '',
  `  club:
    name: Club
    members: [bob, cy]
    quorum: majority
    majority: votes-cast
`,
);

const session = (body: string, id: string, day: string, power = '') => `body: ${body}
sessions:
  - id: ${id}
    date: ${day}
    present: [ann, bob, cy]
    motions:
      - id: m
        text: Spend the fund.${power}
        vote: {aye: 2}
        stated: adopted
`;

const ORDERS = `body: board
instruments:
${['board-s', 'sub-s', 'club-s']
  .map(
    (s) => `  - id: on-${s}
    kind: order
    body: board
    date: 2026-03-09
    text: Spend it.
    rests-on: {session: ${s}, motion: m}
    signatures: [ann]`,
  )
  .join('\n')}
`;

describe("an instrument's bundle resting on another body's decision", () => {
  it('is refused by the recipient, naming whose decision it was; its own and its delegate’s pass', async () => {
    const { file, ok, trust, exported, verify } = await bundleRecord(
      'collegium-other-body-',
      CHARTER,
    );
    await ok('replay', file('board.yaml', session('board', 'board-s', '2026-03-02')));
    await ok(
      'replay',
      file('sub.yaml', session('sub', 'sub-s', '2026-03-03', '\n        power: spend')),
    );
    await ok('replay', file('club.yaml', session('club', 'club-s', '2026-03-04')));
    const replayed = await ok('replay', file('orders.yaml', ORDERS));
    expect(replayed).toContain('is a decision of Club, not of Board');
    const policy = await trust('  - kind: order\n');
    const verdict = async (id: string) => verify(await exported(id, `${id}.json`), policy);
    expect(await verdict('on-board-s')).toMatchObject({ accepted: true, reasons: [] });
    expect(await verdict('on-sub-s')).toMatchObject({ accepted: true, reasons: [] });
    expect(await verdict('on-club-s')).toMatchObject({
      accepted: false,
      reasons: [
        {
          code: 'rests-on',
          message: 'the motion "Spend the fund" is a decision of Club, not of Board',
        },
      ],
    });
  }, 60_000);
});
