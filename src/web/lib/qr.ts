/** A QR code's dark modules as one SVG path, from the modules the `qrcode` package computes. */
import QRCode from 'qrcode';

/** The light margin scanners need around the symbol, in modules. */
const QUIET_ZONE = 4;

/** One path through every dark module, each a unit square at its place past the quiet zone. */
export function qrPath(text: string): { size: number; path: string } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const squares: string[] = [];
  for (let row = 0; row < modules.size; row++)
    for (let col = 0; col < modules.size; col++)
      if (modules.get(row, col)) squares.push(`M${col + QUIET_ZONE} ${row + QUIET_ZONE}h1v1h-1z`);
  return { size: modules.size + 2 * QUIET_ZONE, path: squares.join('') };
}
