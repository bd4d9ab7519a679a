/** Demo mode, said on every page: the server holds everyone's keys; act as anyone. */
import { useId, useState } from 'react';
import { errorSentence } from '../lib/api.js';
import { demoLogin, useMe } from '../lib/me.js';
import { useOrg } from '../lib/org.js';

export function DemoBar() {
  const { me, refresh } = useMe();
  const { org } = useOrg();
  const [error, setError] = useState<string>();
  const id = useId();
  const choose = async (person: string) => {
    setError(undefined);
    try {
      await demoLogin(person);
      await refresh();
    } catch (e) {
      setError(errorSentence(e));
    }
  };
  return (
    <aside className="demo" aria-label="Demo mode">
      <p>
        <strong>Demo mode:</strong> the server signs for every demo person, and anyone may act as
        anyone. Not a real record.
      </p>
      <p className="demo-pick">
        <label htmlFor={id}>Act as</label>
        <select
          id={id}
          value={me?.person ?? ''}
          onChange={(event) => void choose(event.target.value)}
        >
          <option value="" disabled>
            choose a person
          </option>
          {org?.people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
              {roleHint(org.bodies, p.id)}
            </option>
          ))}
        </select>
        {error && <span role="alert">{error}</span>}
      </p>
    </aside>
  );
}

function roleHint(
  bodies: readonly { name: string; chair: string | null; secretary: string | null }[],
  person: string,
): string {
  const roles = bodies.flatMap((b) => [
    ...(b.chair === person ? [`chair, ${b.name}`] : []),
    ...(b.secretary === person ? [`secretary, ${b.name}`] : []),
  ]);
  return roles.length ? ` (${roles.join('; ')})` : '';
}
