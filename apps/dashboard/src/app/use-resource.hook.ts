import { useCallback, useEffect, useState } from 'react';

export interface Resource<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

interface State<T> {
  key: string;
  data?: T;
  error?: unknown;
  loading: boolean;
}

/**
 * Loads `load` whenever `key` changes, cancelling the call it replaces so that a slow old answer
 * never overwrites a newer one. With `keepPrevious`, the last answer stays on screen while the
 * next one loads (a table being re-sorted does not flash empty); without it, data of another key
 * is never shown.
 */
export function useResource<T>(
  key: string,
  load: (signal: AbortSignal) => Promise<T>,
  options: { keepPrevious?: boolean } = {},
): Resource<T> {
  const [state, setState] = useState<State<T>>({ key, loading: true });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState((previous) => ({ key: previous.key, data: previous.data, loading: true }));
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ key, data, loading: false });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ key, error, loading: false });
      },
    );
    return () => controller.abort();
    // `load` is a new closure on every render; `key` names everything it depends on.
  }, [key, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const current = state.key === key;
  return {
    data: current || options.keepPrevious ? state.data : undefined,
    error: current ? state.error : undefined,
    loading: state.loading || !current,
    reload,
  };
}
