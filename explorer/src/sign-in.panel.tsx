import { useState, type FormEvent } from 'react';
import { setSession, useSession } from './auth.store';

const LOG_IN = `mutation SignIn($input: LogInInput!) { logIn(input: $input) { accessToken user { username } } }`;

interface LogInResponse {
  data?: { logIn?: { accessToken: string; user: { username: string } } } | null;
  errors?: { message: string }[];
}

/**
 * Gets a bearer token by username and password (or takes a pasted access or personal access token);
 * the explorer then sends it in the Authorization header and the WebSocket connectionParams.
 */
export function SignInPanel() {
  const session = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [pasted, setPasted] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function logIn(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const res = await fetch(new URL('/graphql', location.origin), {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
        body: JSON.stringify({ query: LOG_IN, variables: { input: { username, password } } }),
      });
      const body = (await res.json()) as LogInResponse;
      const result = body.data?.logIn;
      if (!result) throw new Error(body.errors?.[0]?.message ?? `Sign-in failed (${res.status})`);
      setSession({ token: result.accessToken, username: result.user.username });
      setPassword('');
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  function usePasted(e: FormEvent) {
    e.preventDefault();
    const token = pasted.trim().replace(/^Bearer\s+/i, '');
    if (!token) return;
    setSession({ token, username: null });
    setPasted('');
  }

  return (
    <div className="parley-sign-in">
      <div className="graphiql-doc-explorer-title">Sign in</div>
      {session ? (
        <section aria-label="Signed in">
          <p data-testid="signed-in">
            Signed in{session.username ? ` as ${session.username}` : ' with a pasted token'}. Requests send{' '}
            <code>Authorization: Bearer …</code>; subscriptions send it in <code>connectionParams</code>.
          </p>
          <button type="button" className="graphiql-button" onClick={() => setSession(null)}>
            Sign out
          </button>
        </section>
      ) : (
        <>
          <form onSubmit={logIn} aria-label="Sign in with a password">
            <label>
              Username
              <input
                name="username"
                autoComplete="username"
                value={username}
                onChange={(e) => setUsername(e.target.value)}
              />
            </label>
            <label>
              Password
              <input
                name="password"
                type="password"
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            </label>
            <button type="submit" className="graphiql-button" disabled={busy}>
              Sign in
            </button>
          </form>
          <form onSubmit={usePasted} aria-label="Use a token">
            <label>
              Or paste a token (access token or <code>pat_…</code>)
              <input name="token" value={pasted} onChange={(e) => setPasted(e.target.value)} />
            </label>
            <button type="submit" className="graphiql-button">
              Use token
            </button>
          </form>
        </>
      )}
      {error ? (
        <p role="alert" className="parley-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
