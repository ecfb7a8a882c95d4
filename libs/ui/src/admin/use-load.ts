import { useCallback, useEffect, useState } from 'preact/hooks';
import { errorMessage } from '../components/index.js';

export interface Loaded<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  reload: () => void;
  /** Replace the data with what a write answered (no second round trip). */
  setData: (data: T) => void;
}

/** Loads once per `key`; an answer that arrives after the key changed is dropped. */
export function useLoad<T>(load: () => Promise<T>, key: string): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [round, setRound] = useState(0);
  useEffect(() => {
    let current = true;
    setLoading(true);
    load()
      .then((value) => {
        if (!current) return;
        setData(value);
        setError(null);
      })
      .catch((failure) => current && setError(errorMessage(failure)))
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [key, round]);
  const reload = useCallback(() => setRound((value) => value + 1), []);
  return { data, error, loading, reload, setData };
}
