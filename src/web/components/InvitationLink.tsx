/**
 * An invitation's link as the page shows it once made: the address, a button that copies it (to
 * send by a messenger, or paste on the other device), and how long it works. Where the browser
 * gives no clipboard (an address that is not HTTPS, an older browser) or refuses it, the link's
 * text is selected instead, and the member is told to copy it themself.
 */
import { useRef, useState } from 'react';
import type { InvitationLink as Invitation } from '../lib/acts.js';
import { timeOf } from '../lib/format.js';

type Copied = 'copied' | 'selected' | undefined;

export function InvitationLink({ invitation }: { invitation: Invitation }) {
  const url = new URL(invitation.url, window.location.origin).href;
  const link = useRef<HTMLAnchorElement>(null);
  const [copied, setCopied] = useState<Copied>();
  const copy = async () => {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(url);
      setCopied('copied');
    } catch {
      if (link.current) window.getSelection()?.selectAllChildren(link.current);
      setCopied('selected');
    }
  };
  return (
    <span className="invitation">
      <a href={url} ref={link}>
        {url}
      </a>{' '}
      <button type="button" className="small secondary" onClick={() => void copy()}>
        Copy the link
      </button>
      <span className="hint" role="status">
        {copied === 'copied' && ' Copied.'}
        {copied === 'selected' && ' The link is selected: copy it (Ctrl+C, ⌘C, or Copy).'}
      </span>
      <span className="hint"> (once, until {timeOf(invitation.expires)})</span>
    </span>
  );
}
