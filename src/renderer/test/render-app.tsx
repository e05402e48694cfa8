// Renders the whole App against a fake API, with a viewport size the virtual list can measure under jsdom.
import { render, screen } from '@testing-library/react';
import { App } from '../App';
import { connectStore, createAppStore } from '../store/app-store';
import { StoreProvider } from '../store/context';
import type { FakeApi } from './fake-api';

let sized = false;
function giveElementsASize() {
  if (sized) return;
  sized = true;
  // jsdom lays nothing out; the virtualiser reads the scroll element's client size.
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 800 });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 1000 });
}

export async function renderApp(api: FakeApi, locale = 'en-US') {
  giveElementsASize();
  const store = createAppStore(api, locale);
  const disconnect = connectStore(store, api);
  const view = render(
    <StoreProvider store={store} api={api}>
      <App />
    </StoreProvider>,
  );
  await screen.findByRole('banner');
  await new Promise((r) => setTimeout(r, 0));
  return { ...view, store, disconnect };
}
