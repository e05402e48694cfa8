// The window: header, messages, then either the welcome (no profiles yet), the settings, the incomplete uploads on
// the server, the upload history, or the target bar and the queue. The whole window is the drop zone; the "Interrupted uploads" prompt
// and a conflict question open over everything.
import { ConflictDialog } from './components/ConflictDialog';
import { DropZone } from './components/DropZone';
import { Header } from './components/Header';
import { HistoryPane } from './components/history/HistoryPane';
import { IncompletePane } from './components/IncompletePane';
import { InterruptedDialog } from './components/InterruptedDialog';
import { NoticeBar } from './components/NoticeBar';
import { QueueList } from './components/QueueList';
import { SettingsPane } from './components/SettingsPane';
import { TargetBar } from './components/TargetBar';
import { Welcome } from './components/Welcome';
import { useApp, useLanguage } from './store/context';
import { useEffect } from 'react';
// The window's own stylesheets (styles.css, loaded by main.tsx, holds the colours and the shared controls).
import './components/queue/window.css';
import './components/queue/queue.css';

export function App() {
  const settings = useApp((s) => s.settings);
  const pane = useApp((s) => s.pane);
  const hasItems = useApp((s) => s.order.length > 0);
  const language = useLanguage();
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  const noProfiles = settings !== null && settings.profiles.length === 0;
  let body;
  if (settings === null) body = <div className="loading" aria-busy="true" />;
  else if (pane === 'settings') body = <SettingsPane />;
  else if (pane === 'incomplete') body = <IncompletePane />;
  else if (pane === 'history') body = <HistoryPane />;
  else if (noProfiles && !hasItems) body = <Welcome />;
  else
    body = (
      <>
        <TargetBar />
        <QueueList />
      </>
    );

  return (
    <DropZone>
      <div className="app">
        <Header />
        <NoticeBar />
        <main className="content">{body}</main>
      </div>
      <InterruptedDialog />
      <ConflictDialog />
    </DropZone>
  );
}
