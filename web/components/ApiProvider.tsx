'use client';
/**
 * Holds the API base URL and the key the browser uses: a key the user entered (localStorage "flopcast.apiKey"),
 * else the local dev key the server handed over in embedded mode.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { ApiClient } from '@/lib/api-client';

const STORAGE_KEY = 'flopcast.apiKey';

export interface ApiContextValue {
  base: string;
  key: string | undefined;
  keySource: 'browser' | 'dev' | 'none';
  /** false until localStorage has been read (first client render). */
  ready: boolean;
  setKey: (key: string | undefined) => void;
  client: ApiClient;
}

const Ctx = createContext<ApiContextValue | null>(null);

export function ApiProvider({ base, devKey, children }: { base: string; devKey?: string | undefined; children: React.ReactNode }) {
  const [stored, setStored] = useState<string | undefined>(undefined);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    try {
      setStored(window.localStorage.getItem(STORAGE_KEY) ?? undefined);
    } catch {
      /* storage blocked */
    }
    setReady(true);
  }, []);
  const setKey = useCallback((key: string | undefined) => {
    try {
      if (key) window.localStorage.setItem(STORAGE_KEY, key);
      else window.localStorage.removeItem(STORAGE_KEY);
    } catch {
      /* storage blocked: keep it for this page only */
    }
    setStored(key || undefined);
  }, []);
  const value = useMemo<ApiContextValue>(() => {
    const key = stored ?? devKey;
    return {
      base,
      key,
      keySource: stored ? 'browser' : devKey ? 'dev' : 'none',
      ready,
      setKey,
      client: new ApiClient({ base, key }),
    };
  }, [base, devKey, stored, ready, setKey]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useApi(): ApiContextValue {
  const v = useContext(Ctx);
  if (!v) throw new Error('useApi must be used inside <ApiProvider>');
  return v;
}
