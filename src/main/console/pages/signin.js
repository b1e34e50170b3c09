import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { api } from '../api.js';

export function SignIn({ onSignedIn }) {
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event) => {
    event.preventDefault();
    const form = new FormData(event.target);
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await api('POST', '/api/session', { name: form.get('name'), password: form.get('password') }));
    } catch (e) {
      setError(e.status === 401 ? 'That name and password do not match a console user.' : e.message);
      setBusy(false);
    }
  };
  return html`
    <main id="main" class="signin">
      <form onSubmit=${submit} aria-describedby=${error ? 'signin-error' : undefined}>
        <h1>Leadgate console</h1>
        <p class="hint">Sign in with a console user of this gateway.</p>
        <label for="signin-name">Name</label>
        <input id="signin-name" name="name" autocomplete="username" required maxlength="64" autofocus />
        <label for="signin-password">Password</label>
        <input id="signin-password" name="password" type="password" autocomplete="current-password" required maxlength="1024" />
        ${error && html`<p id="signin-error" class="error" role="alert">${error}</p>`}
        <button type="submit" disabled=${busy}>${busy ? 'Signing in…' : 'Sign in'}</button>
      </form>
    </main>
  `;
}
