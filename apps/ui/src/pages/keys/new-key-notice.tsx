import { CopyButton } from '../../components/copy-button';

/** The secret of a new or regenerated key: the server shows it this once. */
export function NewKeyNotice({ secret, onDismiss }: { secret: string; onDismiss: () => void }) {
  return (
    <section class="panel notice" aria-labelledby="new-key-title">
      <h2 id="new-key-title">Your new key</h2>
      <p>Copy it now: it is shown only once and cannot be read again.</p>
      <p>
        <code class="secret" data-testid="new-key">
          {secret}
        </code>
      </p>
      <div class="actions">
        <CopyButton text={secret} label="Copy key" />
        <button type="button" onClick={onDismiss}>
          Done
        </button>
      </div>
    </section>
  );
}
