/** How a dispatch or an answer came: letter, telegram, direct wire, telephone, email, in person. */
import { useId } from 'react';
import { CHANNEL_LABEL, CHANNELS } from '../lib/answers.js';
import type { Channel } from '../lib/types.js';

export function ChannelSelect(props: { value: Channel; onChange: (channel: Channel) => void }) {
  const id = useId();
  return (
    <>
      <label htmlFor={id}>It came by</label>
      <select
        id={id}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value as Channel)}
      >
        {CHANNELS.map((ch) => (
          <option key={ch} value={ch}>
            {CHANNEL_LABEL[ch]}
          </option>
        ))}
      </select>
    </>
  );
}
