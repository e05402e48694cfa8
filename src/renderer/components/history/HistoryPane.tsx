// The History pane: finished uploads, newest first, with search, Copy link and Reveal in the destination.
export function HistoryPane() {
  return <section className="history-pane" aria-label="History" />;
}
