/** Files attached to an act: chosen, each read and hashed at once with WebCrypto, shown with its
 * hash as the record will name it, and any of them removed again. */
import { useId, useState } from 'react';
import { sizeInWords } from '../../core/words.js';
import { readUpload, tooLarge } from '../lib/files.js';
import { useMe } from '../lib/me.js';
import type { Upload } from '../lib/files.js';
import { ErrorNote } from './Notes.js';

/** The fields of the files sent with an act, as a form says them (each names its file). */
export const FILE_FIELDS = { 'files.*.name': 'Attachment', 'files.*.data': 'Attachment' };

/** Files chosen, each read and hashed at once; any of them removed again. */
export function FilesField(props: { uploads: Upload[]; onChange: (uploads: Upload[]) => void }) {
  const { uploads, onChange } = props;
  const id = useId();
  const [reading, setReading] = useState<unknown>();
  const { me } = useMe();
  const add = async (files: FileList | null) => {
    const chosen = [...(files ?? [])];
    const max = me?.limits.attachmentBytes ?? Infinity;
    // Said at once, and never read or sent: the server would refuse it after the upload.
    const over = tooLarge(chosen, max);
    setReading(over === undefined ? undefined : new Error(over));
    try {
      const read = await Promise.all(chosen.filter((f) => f.size <= max).map(readUpload));
      onChange([
        ...uploads,
        ...read.filter((r) => !uploads.some((u) => u.attachment.hash === r.attachment.hash)),
      ]);
    } catch (error) {
      setReading(error);
    }
  };
  return (
    <>
      <label htmlFor={id}>Attachments (optional)</label>
      <input id={id} type="file" multiple onChange={(e) => void add(e.target.files)} />
      {uploads.length > 0 && (
        <ul className="attachments">
          {uploads.map(({ attachment: a }) => (
            <li key={a.hash}>
              {a.name} <span className="hint">({sizeInWords(a.size)})</span>{' '}
              <button
                type="button"
                className="small secondary"
                aria-label={`Remove ${a.name}`}
                onClick={() => onChange(uploads.filter((u) => u.attachment.hash !== a.hash))}
              >
                Remove
              </button>
              <br />
              <code className="hash">sha256 {a.hash}</code>
            </li>
          ))}
        </ul>
      )}
      <ErrorNote error={reading} />
    </>
  );
}
