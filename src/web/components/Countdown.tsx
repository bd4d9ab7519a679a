/** A deadline: when it is, and the time left, counted down live. */
import { useEffect, useState } from 'react';
import { timeLeft } from '../lib/deadline.js';
import { timeOf } from '../lib/format.js';

export function Deadline({ deadline, open }: { deadline: string; open: boolean }) {
  return (
    <p className="deadline">
      Deadline <time dateTime={deadline}>{timeOf(deadline)}</time>
      {open && (
        <>
          {' · '}
          <Countdown deadline={deadline} />
        </>
      )}
    </p>
  );
}

/** "2 h 07 min left", ticking; "the deadline has passed" after it. Not a live region: a screen
 * reader would otherwise read it every second. */
export function Countdown({ deadline }: { deadline: string }) {
  const left = timeLeft(Date.parse(deadline) - useNow());
  return (
    <span className={left ? 'countdown' : 'countdown passed'} data-countdown={deadline}>
      {left ? `${left} left` : 'the deadline has passed'}
    </span>
  );
}

/** The current time, read again every `ms`. */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}
