// Ctrl-C, SIGTERM and SIGHUP for the commands that run uploads: the first one starts an orderly stop (cancel for cp,
// pause for resume), a second one quits at once.

export function onInterrupt(first: (signal: NodeJS.Signals) => void, again: () => void): () => void {
  let count = 0;
  const handler = (signal: NodeJS.Signals): void => {
    if (count++ === 0) first(signal);
    else again();
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const s of signals) process.on(s, handler);
  return () => {
    for (const s of signals) process.off(s, handler);
  };
}
