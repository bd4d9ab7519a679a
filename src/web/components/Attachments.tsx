/** A dispatch's attachments, each downloadable by its hash, with its size and hash shown. */
import { sizeInWords } from '../../core/words.js';
import { attachmentPath } from '../lib/files.js';
import type { AttachmentInfo } from '../lib/types.js';

export function Attachments({ attachments }: { attachments: readonly AttachmentInfo[] }) {
  if (attachments.length === 0) return <p className="hint">No attachment.</p>;
  return (
    <ul className="attachments">
      {attachments.map((a) => (
        <li key={a.hash}>
          <a href={attachmentPath(a.hash)} download={a.name}>
            {a.name}
          </a>{' '}
          <span className="hint">({sizeInWords(a.size)})</span>
          <br />
          <code className="hash" title="SHA-256 of its bytes, as the record names it">
            sha256 {a.hash}
          </code>
        </li>
      ))}
    </ul>
  );
}
