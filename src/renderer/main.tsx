// Renderer entry: the store mirrors main through window.hoist (the preload's API; the page has nothing else).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { HoistApi } from '../shared/ipc-api';
import { App } from './App';
import { connectStore, createAppStore } from './store/app-store';
import { StoreProvider } from './store/context';
import './styles.css';
import './settings.css';
import './incomplete.css';

declare global {
  interface Window {
    hoist: HoistApi;
  }
}

const api = window.hoist;
const store = createAppStore(api, navigator.language);
connectStore(store, api);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreProvider store={store} api={api}>
      <App />
    </StoreProvider>
  </StrictMode>,
);
