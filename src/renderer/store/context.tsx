// Hands the store and the API to the components, and the hooks that read them.
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { HoistApi } from '../../shared/ipc-api';
import { resolveLanguage, translator, type Language, type Translate } from '../../shared/i18n';
import type { AppState, AppStore } from './app-store';

const StoreContext = createContext<{ store: AppStore; api: HoistApi } | null>(null);

export function StoreProvider({ store, api, children }: { store: AppStore; api: HoistApi; children: ReactNode }) {
  const value = useMemo(() => ({ store, api }), [store, api]);
  return <StoreContext.Provider value={value}>{children}</StoreContext.Provider>;
}

function useContextValue() {
  const value = useContext(StoreContext);
  if (!value) throw new Error('StoreProvider is missing');
  return value;
}

export function useApp<T>(selector: (state: AppState) => T): T {
  return useStore(useContextValue().store, selector);
}

/** The store itself, for reading the state inside an event handler without re-rendering on it. */
export function useAppStore(): AppStore {
  return useContextValue().store;
}

export function useApi(): HoistApi {
  return useContextValue().api;
}

export function useLanguage(): Language {
  const setting = useApp((s) => s.settings?.language ?? 'system');
  const locale = useApp((s) => s.systemLocale);
  return resolveLanguage(setting, locale);
}

export function useT(): Translate {
  const language = useLanguage();
  return useMemo(() => translator(language), [language]);
}
