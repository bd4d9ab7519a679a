/** Files attached to an act: chosen, each read and hashed at once with WebCrypto, shown with its
 * hash as the record will name it, and any of them removed again. */
import { useId, useState } from 'react';
import { readUpload, sizeInWords } from '../lib/files.js';
import type { Upload } from '../lib/files.js';
import { ErrorNote } from './Notes.js';

/** Files chosen, each read and hashed at once; any of them removed again. */
export function FilesField(props: { uploads: Upload[]; onChange: (uploads: Upload[]) => void }) {
  const { uploads, onChange } = props;
  const id = useId();
  const [reading, setReading] = useState<unknown>();
  const add = async (files: FileList | null) => {
    setReading(undefined);
    try {
      const read = await Promise.all([...(files ?? [])].map(readUpload));
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
