import { useCallback, useEffect, useState } from 'preact/hooks';
import { errorMessage } from '../components/index.js';

export interface Loaded<T> {
  data: T | null;
  error: string | null;
  /** True from the first render with a new key until its answer arrives. */
  loading: boolean;
  reload: () => void;
  /** Replace the data with what a write answered (no second round trip). */
  setData: (data: T) => void;
}

interface State<T> {
  /** The key (and round) the data and error belong to. */
  for: string;
  data: T | null;
  error: string | null;
}

/** Loads once per `key`; an answer that arrives after the key changed is dropped. */
export function useLoad<T>(load: () => Promise<T>, key: string): Loaded<T> {
  const [round, setRound] = useState(0);
  const wanted = `${round}:${key}`;
  const [state, setState] = useState<State<T>>({ for: '', data: null, error: null });
  useEffect(() => {
    let current = true;
    load()
      .then((data) => current && setState({ for: wanted, data, error: null }))
      .catch(
        (failure) =>
          current &&
          setState((previous) => ({ ...previous, for: wanted, error: errorMessage(failure) })),
      );
    return () => {
      current = false;
    };
  }, [wanted]);
  const reload = useCallback(() => setRound((value) => value + 1), []);
  const setData = useCallback(
    (data: T) => setState((previous) => ({ ...previous, data, error: null })),
    [],
  );
  return {
    data: state.data,
    error: state.error,
    loading: state.for !== wanted,
    reload,
    setData,
  };
}
