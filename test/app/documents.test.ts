/**
 * The minutes as files: every session of both examples rendered to Markdown, HTML and PDF, the
 * PDF's text read back and compared with the model (names, votes, decisions); names in Cyrillic
 * and with accents kept; markup in names and texts escaped; pages numbered.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDemo } from '../../src/app/demo.js';
import {
  minutesHtml,
  minutesMarkdown,
  minutesPdf,
  minutesStyleSource,
} from '../../src/app/documents/index.js';
import { escapeHtml } from '../../src/app/documents/html.js';
import { NOT_IN_FONT_NOTE, textInFont } from '../../src/app/documents/pdf-glyphs.js';
import { pdfFontShows } from '../../src/app/documents/pdf-printer.js';
import { markdownText } from '../../src/app/documents/markdown.js';
import { dayInWords } from '../../src/app/documents/words.js';
import type { Ledger } from '../../src/app/ledger.js';
import { minutesOf } from '../../src/app/minutes.js';
import type { MinutesDocument } from '../../src/core/minutes/document.js';
import { EXAMPLE_LIST } from '../support/examples.js';
import {
  ACCENTED,
  CYRILLIC,
  HELD,
  HOSTILE_NAME,
  HOSTILE_OBJECTION,
  HOSTILE_TITLE,
  SITTING,
  minutesRecord,
} from '../support/minutes-record.js';
import { normalText, pdfText } from '../support/pdf-text.js';

const BASE = 'https://minutes.example';
const CASTING: Readonly<Record<string, string>> = { aye: 'Aye', nay: 'Nay' };

/** What the model says must be found in any rendering's text: names, votes, decisions. */
function expectedTexts(doc: MinutesDocument): string[] {
  const texts = [
    doc.body.name,
    ...doc.attendance.present.map((p) => p.name),
    ...doc.attendance.alsoPresent.map((p) => p.name),
    ...doc.attendance.absent.map((p) => p.name),
  ];
  for (const item of doc.items) {
    texts.push(item.text.split('\n')[0]!);
    if (item.proposer) texts.push(item.proposer.name);
    for (const c of item.vote?.choices ?? []) {
      texts.push(`${c.label}: ${c.count}`);
      texts.push(...c.voters.map((v) => v.name));
    }
    if (item.decision) texts.push(item.decision.explanation);
    // A casting vote is said with the choice's label, as a ballot says it.
    if (item.casting) texts.push(`The chair gave a casting vote: ${CASTING[item.casting]}.`);
  }
  return texts.map(normalText);
}

describe('the minutes of every example session', () => {
  for (const example of EXAMPLE_LIST) {
    describe(example.name, () => {
      let ledger: Ledger;
      beforeAll(async () => {
        const folder = mkdtempSync(join(tmpdir(), 'collegium-documents-'));
        ({ ledger } = await openDemo({
          db: join(folder, 'record.db'),
          folder,
          example: example.name,
        }));
      });
      afterAll(async () => {
        await ledger?.store.close();
      });

      it('renders every session to Markdown, HTML and PDF, each saying what the model says', async () => {
        const sessions = [...ledger.state.sessions.keys()];
        expect(sessions.length).toBeGreaterThanOrEqual(5);
        const statuses = new Map<string, string>();
        for (const session of sessions) {
          const doc = await minutesOf(ledger.state, ledger.store, session);
          const expected = expectedTexts(doc);
          const md = minutesMarkdown(doc, { proofBase: BASE });
          const html = minutesHtml(doc, { proofBase: BASE });
          const pdf = await pdfText(await minutesPdf(doc, { proofBase: BASE }));
          // Markdown read as its text: emphasis and escapes taken away.
          const mdText = normalText(md.replace(/\*\*/g, '').replace(/\\(.)/g, '$1'));
          for (const text of expected) {
            expect(pdf.text, `${session}: ${text}`).toContain(text);
            expect(mdText, `${session}: ${text}`).toContain(text);
          }
          expect(html).toContain(`<title>Minutes: ${escapeHtml(doc.body.name)}`);
          for (const p of doc.attendance.present) expect(html).toContain(escapeHtml(p.name));
          expect(pdf.title).toBe(
            `Minutes: ${doc.body.name}, ${doc.session.title ?? `session of ${dayInWords(doc.session.date)}`}`,
          );
          // The cooperative's meeting of 8 October 2025 approved the minutes of 10 September.
          expect(pdf.text).toContain(
            doc.status === 'approved'
              ? `Approved on ${doc.session.id === 'board-2025-09-10' ? '8 October 2025' : ''}`
              : 'Draft, not yet approved',
          );
          statuses.set(session, doc.status);
          // Transcribed from minutes: no time of the replay passes for history (a notice's day,
          // signatures and objections without the time they were entered).
          if (doc.session.mode === 'minutes') expect(md).not.toMatch(/\d\d:\d\d UTC/);
          // The cooperative's minutes of 10 September, signed as the minutes of 8 October say.
          if (session === 'board-2025-09-10')
            expect(doc.approval.signatures.map((x) => x.time)).toEqual([
              '2025-10-08',
              '2025-10-08',
            ]);
          if (doc.notice)
            expect(md).toContain(`notice given on ${dayInWords(doc.notice.noticed)} for`);
          // The agenda numbered once, by the list: not a bullet and a number each; each item by
          // its place and title, as the proceedings name it, its id being the record's.
          for (const a of doc.agenda) {
            expect(md).toContain(`\n${a.n}. ${markdownText(a.title)}.`);
            expect(md).not.toContain(`- ${a.n}. `);
            expect(pdf.text).toContain(`${a.title}.`);
            expect(pdf.text).not.toContain(`${a.title} (${a.item}).`);
          }
          if (doc.agenda.length > 0) expect(html).toMatch(/<ol><li>/);
          // The record's words give a chair's casting vote by id, "(ada, aye)": the minutes name them.
          for (const item of doc.items)
            expect(item.decision?.explanation ?? '').not.toMatch(/casting vote \([a-z0-9._-]+, /);
          // The appendix: every proof line with its entry and link.
          for (const line of doc.appendix.proofs) {
            expect(pdf.text).toContain(`${BASE}/record/${line.entry}`);
            expect(md).toContain(`<${BASE}/record/${line.entry}>`);
            expect(html).toContain(`href="${BASE}/record/${line.entry}"`);
          }
          expect(md).toContain(doc.appendix.logKey);
          expect(doc.appendix.checkpoint).toBeDefined();
          expect(md).toContain(doc.appendix.checkpoint!.trimEnd());
          expect(pdf.text).toContain(
            `Its latest signed checkpoint, below, covers ${doc.appendix.treeSize} entries.`,
          );
        }
        const approved = [...statuses].filter(([, status]) => status === 'approved');
        expect(approved.map(([session]) => session)).toEqual(
          example.name === 'cooperative-board' ? ['board-2025-09-10'] : [],
        );
      });
    });
  }

  it("gives the historical sessions their own dates, not the replay's", async () => {
    const folder = mkdtempSync(join(tmpdir(), 'collegium-documents-'));
    const { ledger } = await openDemo({
      db: join(folder, 'record.db'),
      folder,
      example: 'central-committee-1918',
    });
    try {
      const doc = await minutesOf(ledger.state, ledger.store, 'cc-1918-01-24');
      const md = minutesMarkdown(doc);
      expect(md).toContain('- **Date:** 24 January 1918');
      expect(md).toContain('- **Ayes:** 9');
      expect(md).toContain('Flag: 16 votes counted but only 13 voting members present');
      // Candidates are members with a voice and no vote: the attendance says which they are.
      expect(md).toContain(
        '- **Absent:** 6 members: L. B. Kamenev, S. G. Shaumyan, V. N. Yakovleva (candidate), F. E. Dzerzhinsky (candidate), A. S. Bubnov (candidate), M. K. Muranov (candidate)',
      );
      expect(doc.attendance.present.filter((p) => p.candidate)).toEqual([]);
      // Without a base for links, the appendix names the entries and how to prove them.
      expect(md).toContain('collegium prove ENTRY');
      expect(md).not.toContain('/record/');
    } finally {
      await ledger.store.close();
    }
  });
});

describe('minutes of a record held live, signed, objected to and approved', () => {
  let ledger: Ledger;
  beforeAll(async () => {
    const folder = mkdtempSync(join(tmpdir(), 'collegium-documents-'));
    ({ ledger } = await minutesRecord(join(folder, 'record.db')));
  });
  afterAll(async () => {
    await ledger?.store.close();
  });
  const doc = (session: string) => minutesOf(ledger.state, ledger.store, session);

  it('keeps names in Cyrillic and with accents, in the PDF as in the text', async () => {
    const minutes = await doc(HELD);
    const pdf = await pdfText(await minutesPdf(minutes, { proofBase: BASE }));
    for (const name of [CYRILLIC, ACCENTED]) {
      expect(pdf.text).toContain(name);
      expect(minutesMarkdown(minutes)).toContain(name);
      expect(minutesHtml(minutes)).toContain(name);
    }
    expect(pdf.text).toContain(`Ayes: 3: ${CYRILLIC}, ${ACCENTED}`);
    expect(pdf.text).toContain(`Signed by ${CYRILLIC}, chair, on 20 November 2027`);
  });

  it("reads the font's characters from its cmap: Latin, Cyrillic and Greek, no Han, Arabic or emoji", () => {
    for (const shown of 'AzéŁЖжΩ€№…—“')
      expect(pdfFontShows(shown.codePointAt(0)!), shown).toBe(true);
    for (const missing of ['中', 'ع', '😀', '→'])
      expect(pdfFontShows(missing.codePointAt(0)!), missing).toBe(false);
    expect(textInFont('Zoë 中文 ok', pdfFontShows)).toBe('Zoë [U+4E2D U+6587] ok');
  });

  it('writes what its font cannot show as code points, and says so, never leaving it out', async () => {
    const held = await doc(HELD);
    const [first, ...rest] = held.items;
    const minutes = {
      ...held,
      session: { ...held.session, title: '理事会 meeting' },
      items: [{ ...first!, text: 'Adopt the 预算 \u{1F600}, \u2067مرحبا\u2069.' }, ...rest],
    };
    const pdf = await pdfText(await minutesPdf(minutes));
    expect(pdf.text).toContain('[U+7406 U+4E8B U+4F1A] meeting');
    expect(pdf.text).toContain('Adopt the [U+9884 U+7B97] [U+1F600],');
    // The turns of direction around the Arabic take no glyph: kept as they are, not written out.
    expect(pdf.text).toContain('[U+0645 U+0631 U+062D U+0628 U+0627]');
    expect(pdf.text).not.toContain('U+2067');
    expect(normalText(pdf.text)).toContain(normalText(NOT_IN_FONT_NOTE));
    // The metadata, which a viewer shows in its own fonts, keeps the title as recorded.
    expect(pdf.title).toContain('理事会 meeting');
    // Minutes the font shows whole (Cyrillic, accents) carry no such note.
    const plain = await pdfText(await minutesPdf(held));
    // (A code point is written "[U+…": the log's keys and signatures, base64, may hold "U+".)
    expect(plain.text).not.toMatch(/\[U\+[0-9A-F]{4}/);
    expect(normalText(plain.text)).not.toContain(normalText(NOT_IN_FONT_NOTE));
  });

  it('says the approval, the signatures, the objection, the times and the apology', async () => {
    const minutes = await doc(HELD);
    const approved =
      'Approved on 18 December 2027 by motion 1 ("Approve the minutes of board-2027-11-20") of the session of Board of Directors on 18 December 2027';
    for (const text of [
      minutesMarkdown(minutes),
      (await pdfText(await minutesPdf(minutes))).text,
    ]) {
      expect(text).toContain(approved);
      expect(text).toContain('Signed by Hana Kowalski, secretary');
      expect(text).toMatch(/Opened:\*{0,2} 18:\d\d UTC/);
      expect(text).toMatch(/Excused:\*{0,2} 1 member: Fay Osei \(travelling\)/);
      expect(text).toContain('Dana Morales arrived at 18:');
      expect(text).toContain('Dana Morales left at 18:');
      expect(text).toContain('Convened by a notice given on 1 November 2027');
      expect(text).toContain('Agenda item:');
    }
    expect(normalText((await pdfText(await minutesPdf(minutes))).text)).toContain(
      normalText(HOSTILE_OBJECTION),
    );
  });

  it('names those present who are not of the body apart from its members', async () => {
    const held = await doc(HELD);
    const guest = { id: 'nora', name: 'Nora Lund' };
    const minutes = { ...held, attendance: { ...held.attendance, alsoPresent: [guest] } };
    for (const text of [minutesMarkdown(minutes), minutesHtml(minutes)])
      expect(text).toMatch(/Also present:?(<\/[a-z]+>|\*\*)*:?\s*(<[a-z]+>)*Nora Lund/);
  });

  it('marks the minutes of a session still sitting as a draft in progress', async () => {
    const minutes = await doc(SITTING);
    expect(minutes.status).toBe('in-progress');
    const pdf = await pdfText(await minutesPdf(minutes));
    expect(pdf.text).toContain('Draft, session in progress');
    expect(pdf.text).toContain('Status: put, not yet voted on');
    expect(minutesMarkdown(minutes)).toContain('**Draft, session in progress**');
    expect(minutesHtml(minutes)).toContain('<p class="status">Draft, session in progress</p>');
  });

  it('escapes markup in names, titles and texts: HTML and Markdown show it as text', async () => {
    const minutes = await doc(HELD);
    const html = minutesHtml(minutes, { proofBase: BASE });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('</blockquote><script>');
    expect(html).toContain(
      '&lt;script&gt;alert(&quot;minutes&quot;)&lt;/script&gt; Budget &amp; roof',
    );
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt; Chen &amp; Co');
    // Only the document's own elements: one style, no script, no event handler attribute.
    expect(html.match(/<style>/g)).toHaveLength(1);
    expect(html).not.toMatch(/<[a-z]+[^>]*\son[a-z]+=/i);
    const md = minutesMarkdown(minutes);
    // Every < of the record escaped: none opens a tag.
    expect(md).not.toMatch(/(?<!\\)<(script|img|\/blockquote)/);
    expect(md).toContain('\\<script\\>alert("minutes")\\</script\\> Budget \\& roof');
    expect(md).toContain('to item \\*1\\*');
    expect(HOSTILE_NAME).toContain('<img');
    expect(HOSTILE_TITLE).toContain('<script>');
  });

  it('links proofs only to web addresses', async () => {
    const minutes = await doc(HELD);
    const html = minutesHtml(minutes, { proofBase: 'javascript:alert(1)//' });
    expect(html).not.toContain('href="javascript');
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('@media print');
    expect(html).toContain('overflow-wrap: anywhere');
  });

  it('allows the stylesheet by its hash, the one a CSP names', async () => {
    const html = minutesHtml(await doc(HELD));
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    const { createHash } = await import('node:crypto');
    expect(minutesStyleSource()).toBe(
      `'sha256-${createHash('sha256').update(style, 'utf8').digest('base64')}'`,
    );
  });

  it('numbers the pages of a document of more than one page, and not of a single page', async () => {
    const long = await pdfText(await minutesPdf(await doc(HELD), { proofBase: BASE }));
    expect(long.pages.length).toBeGreaterThan(1);
    long.pages.forEach((page, i) =>
      expect(page).toContain(`Page ${i + 1} of ${long.pages.length}`),
    );
    // A session with nothing to say but its attendance fits on one page.
    const sitting = await doc(SITTING);
    const short = await minutesPdf({
      ...sitting,
      items: [],
      appendix: { ...sitting.appendix, proofs: sitting.appendix.proofs.slice(0, 1) },
    });
    const one = await pdfText(short);
    expect(one.pages).toHaveLength(1);
    expect(one.text).not.toMatch(/Page \d+ of/);
  });
});
