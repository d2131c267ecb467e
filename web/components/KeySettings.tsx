'use client';
/** API key entry: stored in this browser (localStorage), or the local dev key in embedded mode. */
import { useState } from 'react';
import { useApi } from './ApiProvider';

export function KeySettings() {
  const { base, key, keySource, setKey, client, ready } = useApi();
  const [text, setText] = useState('');
  const [check, setCheck] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);

  async function test() {
    setCheck(undefined);
    try {
      const plans = await client.listPlans();
      setCheck(`The API accepted the key: ${plans.length} plan${plans.length === 1 ? '' : 's'} visible to this team.`);
    } catch (e) {
      setCheck(`The API did not accept the key: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  return (
    <div className="stack" style={{ maxWidth: 720 }}>
      <h1>API key</h1>
      <p>
        Saved plans and team profiles live in the flopcast API at <code>{base}</code>. Estimates run in your browser and need no key.
      </p>
      <section className="panel" aria-labelledby="h-current">
        <h2 id="h-current">Current key</h2>
        <p data-testid="key-source">
          {!ready ? '…' : keySource === 'browser'
            ? <>Using the key you entered (<code>{key?.slice(0, 12)}…</code>), stored in this browser.</>
            : keySource === 'dev'
              ? <>Using the local dev key of the embedded database (<code>{key?.slice(0, 12)}…</code>), handed over by this server.</>
              : 'No key: saving and listing plans are off.'}
        </p>
        <div className="row">
          <button type="button" className="btn" onClick={() => void test()} disabled={!key}>Test the key</button>
          {keySource === 'browser' ? <button type="button" className="btn" onClick={() => setKey(undefined)}>Forget my key</button> : null}
        </div>
        {check ? <p role="status">{check}</p> : null}
      </section>
      <form
        className="panel"
        aria-labelledby="h-enter"
        onSubmit={(e) => {
          e.preventDefault();
          const k = text.trim();
          if (!/^fc_[A-Za-z0-9]+_[A-Za-z0-9_-]+$/.test(k)) {
            setError('A flopcast key looks like fc_<prefix>_<secret>.');
            return;
          }
          setError(undefined);
          setKey(k);
          setText('');
        }}
      >
        <h2 id="h-enter">Enter a key</h2>
        <div className="field">
          <label htmlFor="api-key">Team API key</label>
          <input id="api-key" name="apiKey" type="password" autoComplete="off" value={text} onChange={(e) => setText(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? 'api-key-error' : 'api-key-hint'} />
          <span className="field-hint" id="api-key-hint">Kept in this browser&apos;s localStorage only. An admin creates keys with POST /v1/teams/&#123;id&#125;/keys.</span>
          {error ? <span className="field-error" id="api-key-error" role="alert">{error}</span> : null}
        </div>
        <div className="row" style={{ marginTop: '0.5rem' }}>
          <button type="submit" className="btn primary">Use this key</button>
        </div>
      </form>
    </div>
  );
}
