/** Signing in: the browser signs the server's challenge with a key it holds. */
import { toBase64 } from '../../core/bytes.js';
import { postJson, postSignIn } from '../lib/api.js';
import { useAction } from '../lib/action.js';
import { utf8 } from '../../verify/web-crypto.js';
import { listKeys, signEd25519 } from '../lib/keys.js';
import type { DeviceKey } from '../lib/keys.js';
import { useMe } from '../lib/me.js';
import { nameOf, useOrg } from '../lib/org.js';
import { useResource } from '../lib/resource.js';
import { navigate, paths, useLocation } from '../lib/router.js';
import { Layout } from '../components/Layout.js';
import { ErrorNote, Loading } from '../components/Notes.js';

export const LOGIN_CONTEXT = 'collegium/login/v1\n';

export function Login() {
  const { me, refresh } = useMe();
  const { org } = useOrg();
  const { query } = useLocation();
  const action = useAction();
  const orgId = me?.organization.id;
  const keys = useResource(() => (orgId ? listKeys(orgId) : Promise.resolve([])), orgId ?? 'none');

  const signIn = async (key: DeviceKey) => {
    const ok = await action.run('Signing in', async () => {
      const { challenge } = await postJson<{ challenge: string }>('/api/login/challenge', {
        person: key.person,
      });
      const message = utf8(`${LOGIN_CONTEXT}${window.location.origin}\n${challenge}`);
      const signature = toBase64(await signEd25519(key.privateKey, message));
      // The key is named: a member with several devices holds several.
      const login = { person: key.person, challenge, signature, key: key.publicKey };
      await postSignIn('/api/login', login, { person: key.person, what: 'your sign-in' });
      return true;
    });
    if (ok) {
      await refresh();
      const next = query.get('next');
      navigate(next?.startsWith('/') ? next : paths.home);
    }
  };

  return (
    <Layout title="Sign in">
      <h1>Sign in</h1>
      {me?.demo && <p className="note">In demo mode, choose who you are with the picker above.</p>}
      {me?.person && !me.demo && (
        <p className="note">You are signed in as {me.name ?? me.person}.</p>
      )}
      <p>
        You sign in with the key this browser made when you enrolled: it signs a one-time challenge
        from the server. No password.
      </p>
      <ErrorNote error={action.error ?? keys.error} />
      {!keys.data ? (
        <Loading what="the keys in this browser" />
      ) : keys.data.length === 0 ? (
        <p className="note">
          This browser holds no key for this organization. Ask the secretary for an invitation link
          and open it here.
        </p>
      ) : (
        <ul className="keys">
          {keys.data.map((key) => (
            <li key={key.person}>
              <button type="button" disabled={!!action.busy} onClick={() => void signIn(key)}>
                Sign in as {org || !key.name ? nameOf(org, key.person) : key.name}
              </button>
              <span className="hint">key {key.publicKey.slice(0, 12)}…</span>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
