/**
 * The characters a TrueType font can show: the code points its `cmap` table maps to a glyph other
 * than the missing one (glyph 0), read from its Unicode subtables (formats 4 and 12).
 */

/** The code points `font` (the bytes of a .ttf file) maps to a glyph. */
export function fontCodePoints(font: Uint8Array): Set<number> {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const cmap = tableOffset(view, 'cmap');
  const points = new Set<number>();
  const subtables = view.getUint16(cmap + 2);
  for (let i = 0; i < subtables; i++) {
    const record = cmap + 4 + i * 8;
    const platform = view.getUint16(record);
    const encoding = view.getUint16(record + 2);
    // Unicode (platform 0), or Windows' Unicode BMP (3, 1) and full repertoire (3, 10).
    if (platform !== 0 && !(platform === 3 && (encoding === 1 || encoding === 10))) continue;
    const at = cmap + view.getUint32(record + 4);
    const format = view.getUint16(at);
    if (format === 4) readFormat4(view, at, points);
    else if (format === 12) readFormat12(view, at, points);
  }
  return points;
}

function tableOffset(view: DataView, tag: string): number {
  const tables = view.getUint16(4);
  for (let i = 0; i < tables; i++) {
    const record = 12 + i * 16;
    const name = String.fromCharCode(...[0, 1, 2, 3].map((k) => view.getUint8(record + k)));
    if (name === tag) return view.getUint32(record + 8);
  }
  throw new Error(`the font has no '${tag}' table`);
}

/** Segments of the BMP, each mapped by a delta or through an array of glyph ids. */
function readFormat4(view: DataView, at: number, points: Set<number>): void {
  const segments = view.getUint16(at + 6) / 2;
  const ends = at + 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const rangeOffsets = deltas + segments * 2;
  for (let s = 0; s < segments; s++) {
    const start = view.getUint16(starts + s * 2);
    const end = view.getUint16(ends + s * 2);
    const delta = view.getUint16(deltas + s * 2);
    const rangeOffset = view.getUint16(rangeOffsets + s * 2);
    for (let c = start; c <= end && c !== 0xffff; c++) {
      let glyph: number;
      if (rangeOffset === 0) glyph = (c + delta) & 0xffff;
      else {
        const id = view.getUint16(rangeOffsets + s * 2 + rangeOffset + (c - start) * 2);
        glyph = id === 0 ? 0 : (id + delta) & 0xffff;
      }
      if (glyph !== 0) points.add(c);
    }
  }
}

/** Groups of consecutive code points, each mapped to consecutive glyphs. */
function readFormat12(view: DataView, at: number, points: Set<number>): void {
  const groups = view.getUint32(at + 12);
  for (let g = 0; g < groups; g++) {
    const group = at + 16 + g * 12;
    const start = view.getUint32(group);
    const end = view.getUint32(group + 4);
    const glyph = view.getUint32(group + 8);
    for (let c = start; c <= end; c++) if (glyph + (c - start) !== 0) points.add(c);
  }
}
