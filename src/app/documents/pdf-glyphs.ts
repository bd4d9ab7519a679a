/**
 * The minutes' text as the PDF's font can show it. A character the font has no glyph for (a
 * Chinese or Arabic name, an emoji) would print as nothing, and the PDF would silently leave out
 * what the record says; it is written instead as its code point in brackets ("[U+4E2D U+6587]"),
 * and the minutes say so at their head. The HTML and Markdown minutes show every character.
 */
import type { Block, MinutesLayout, Section } from './layout.js';

/** Whether the font shows a code point. */
export type Covered = (codePoint: number) => boolean;

/** Characters that take no glyph of their own: controls of format or direction, breaks, spaces. */
const NO_GLYPH = /[\p{Cf}\p{Cc}\p{Zs}\p{Zl}\p{Zp}]/u;

export const NOT_IN_FONT_NOTE =
  "Some characters of the record cannot be shown in this PDF's font (Roboto: Latin, Cyrillic and " +
  'Greek): each is written as its code point in brackets, as [U+4E2D]. The minutes in HTML or ' +
  'Markdown show them as recorded.';

/** `text` with each run of characters the font cannot show written as their code points. */
export function textInFont(text: string, covered: Covered): string {
  let out = '';
  let run: string[] = [];
  const flush = () => {
    if (run.length > 0) out += `[${run.join(' ')}]`;
    run = [];
  };
  for (const char of text) {
    const point = char.codePointAt(0)!;
    if (covered(point) || NO_GLYPH.test(char)) {
      flush();
      out += char;
    } else run.push(`U+${point.toString(16).toUpperCase().padStart(4, '0')}`);
  }
  flush();
  return out;
}

/**
 * The layout with every text the PDF prints in the font's characters (proof links are left as
 * they are: they are ASCII, and their QR codes must lead where they say), and a note at its head
 * when any character had to be written as its code point.
 */
export function layoutInFont(layout: MinutesLayout, covered: Covered): MinutesLayout {
  let changed = false;
  const text = (t: string): string => {
    const shown = textInFont(t, covered);
    if (shown !== t) changed = true;
    return shown;
  };
  const block = (b: Block): Block => {
    switch (b.kind) {
      case 'text':
      case 'quote':
      case 'code':
        return { ...b, text: text(b.text) };
      case 'fields':
        return { ...b, rows: b.rows.map((r) => ({ label: text(r.label), value: text(r.value) })) };
      case 'list':
        return { ...b, items: b.items.map(text) };
      case 'proofs':
        return { ...b, rows: b.rows.map((r) => ({ ...r, label: text(r.label) })) };
    }
  };
  const section = (s: Section): Section => ({
    ...s,
    title: text(s.title),
    blocks: s.blocks.map(block),
    ...(s.parts ? { parts: s.parts.map(section) } : {}),
  });
  const shown: MinutesLayout = {
    ...layout,
    title: text(layout.title),
    organization: text(layout.organization),
    header: layout.header.map(block),
    sections: layout.sections.map(section),
  };
  if (!changed) return layout;
  const note: Block = { kind: 'text', tone: 'note', text: NOT_IN_FONT_NOTE };
  return { ...shown, header: [note, ...shown.header] };
}
