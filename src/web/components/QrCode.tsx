/**
 * A QR code of a text (a URL), drawn here as SVG from the modules the `qrcode` package computes:
 * no image fetched, nothing inlined that the Content-Security-Policy would refuse.
 */
import { useMemo } from 'react';
import { qrPath } from '../lib/qr.js';

export function QrCode({ text, label }: { text: string; label: string }) {
  const { size, path } = useMemo(() => qrPath(text), [text]);
  return (
    <svg
      className="qr"
      role="img"
      aria-label={label}
      viewBox={`0 0 ${size} ${size}`}
      shapeRendering="crispEdges"
      data-qr={text}
    >
      <rect width={size} height={size} fill="#ffffff" />
      <path d={path} fill="#000000" />
    </svg>
  );
}
