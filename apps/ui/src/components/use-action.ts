import { useState } from 'preact/hooks';

import type { Confirmation } from './confirm-dialog';

/** A mutation's state: running, and the server's error when it refused. */
export function useAction() {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [confirmation, setConfirmation] = useState<Confirmation | null>(null);
  const run = async (action: () => Promise<void>): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  const confirm = (request: Omit<Confirmation, 'onConfirm'>, action: () => Promise<void>) =>
    setConfirmation({ ...request, onConfirm: () => void run(action) });
  return {
    error,
    setError,
    busy,
    run,
    confirmation,
    confirm,
    closeConfirmation: () => setConfirmation(null),
  };
}
