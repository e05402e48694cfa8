// The top bar: overall progress and counts, and the actions on the whole queue (in a "⋯" menu when narrow).
import { formatBytes, formatEta, formatSpeed, wholePercent } from '../lib/format';
import { useApp, useLanguage, useT } from '../store/context';
import { Logo } from './Logo';
import { ProgressBar } from './ProgressBar';
import { OverflowMenu, type MenuAction } from './queue/OverflowMenu';
import { useNarrowWindow } from './queue/use-narrow-window';

export function Header() {
  const totals = useApp((s) => s.totals);
  const pane = useApp((s) => s.pane);
  const hasTarget = useApp((s) => s.settings?.activeTarget != null);
  const pickAndAdd = useApp((s) => s.pickAndAdd);
  const cancelAll = useApp((s) => s.cancelAll);
  const pauseAll = useApp((s) => s.pauseAll);
  const resumeAll = useApp((s) => s.resumeAll);
  // Main's totals leave paused items out of the counts (not out of the bytes); the store keeps these two counts from
  // each batch (recounting 10,000 items in a selector, which runs several times per batch, made every batch a long
  // task).
  const paused = useApp((s) => s.pausedCount);
  const pausable = useApp((s) => s.pausableCount > 0);
  const clearFinished = useApp((s) => s.clearFinished);
  const openSettings = useApp((s) => s.openSettings);
  const openHistory = useApp((s) => s.openHistory);
  const backToQueue = useApp((s) => s.closeSettings);
  const requestCloseSettings = useApp((s) => s.requestCloseSettings);
  const t = useT();
  const language = useLanguage();
  const narrow = useNarrowWindow();

  const busy = totals.active + totals.queued > 0;
  // Paused files are unfinished work too: the bar must not turn the "complete" green, and their bytes stay shown.
  const unfinished = busy || paused > 0;
  // The rows' rule for the whole queue: solid what the server confirmed, lighter what is sent and not yet answered.
  const percent =
    totals.total > 0 ? wholePercent(totals.confirmed, totals.total) : unfinished ? 0 : totals.count > 0 ? 100 : 0;
  const inFlight = totals.total > 0 ? wholePercent(totals.loaded, totals.total) : percent;
  // Time left for what is not yet sent, at the current speed; none while nothing moves (all paused or waiting).
  const unsent = totals.total - totals.loaded;
  const eta = busy && totals.bytesPerSecond > 0 && unsent > 0 ? formatEta(unsent / totals.bytesPerSecond, t) : '';
  const tone = busy
    ? 'active'
    : paused > 0
      ? 'neutral'
      : totals.failed > 0
        ? 'bad'
        : totals.count > 0
          ? 'good'
          : 'active';
  const counts = [
    totals.active > 0 && t('counts.active', { n: totals.active }),
    totals.queued > 0 && t('counts.queued', { n: totals.queued }),
    paused > 0 && t('counts.paused', { n: paused }),
    totals.done > 0 && t('counts.done', { n: totals.done }),
    totals.failed > 0 && t('counts.failed', { n: totals.failed }),
    totals.cancelled > 0 && t('counts.cancelled', { n: totals.cancelled }),
  ].filter(Boolean);
  const finished = totals.done + totals.cancelled;

  // One list of the queue-wide actions: buttons when the window is wide, the "⋯" menu's items when it is narrow.
  const actions: MenuAction[] = [
    // Both only when some files run and others are paused; otherwise one slot, so the bar stays short.
    ...(pausable || paused === 0
      ? [{ label: t('action.pauseAll'), run: () => void pauseAll(), disabled: !pausable }]
      : []),
    ...(paused > 0 ? [{ label: t('action.resumeAll'), run: () => void resumeAll() }] : []),
    { label: t('action.cancelAll'), run: () => void cancelAll(), disabled: !busy && paused === 0 },
    { label: t('action.clearFinished'), run: () => void clearFinished(), disabled: finished === 0 },
    {
      label: t('history.open'),
      // Settings guards its own leaving (unsaved input); from there, History waits for the Settings toggle.
      run: () => (pane === 'history' ? backToQueue() : openHistory()),
      checked: pane === 'history',
      disabled: pane === 'settings',
    },
    {
      label: t('action.settings'),
      run: () => (pane === 'settings' ? requestCloseSettings() : openSettings()),
      checked: pane === 'settings',
    },
  ];

  return (
    <header className={`header${narrow ? ' header-narrow' : ''}`}>
      <div className="header-title">
        <Logo />
        <h1>{t('app.name')}</h1>
      </div>
      <div className="header-overall">
        <ProgressBar percent={percent} inFlight={inFlight} label={t('aria.overallProgress')} tone={tone} />
        {/* Wraps rather than cut off: at 800 px, and in Japanese, the whole summary stays readable. */}
        <div className="header-counts" aria-live="polite">
          <span className="header-count-words">{counts.length === 0 ? t('header.idle') : counts.join(' · ')}</span>
          {unfinished && (
            <span className="header-bytes">
              {/* Confirmed bytes, as the bar's solid part and the rows' percents: the count never goes back. */}
              {t('header.bytes', {
                loaded: formatBytes(totals.confirmed, language),
                total: formatBytes(totals.total, language),
              })}
              {totals.bytesPerSecond > 0 && `, ${formatSpeed(totals.bytesPerSecond, language)}`}
              {eta && `, ${t('row.left', { eta })}`}
            </span>
          )}
        </div>
      </div>
      <div className="header-actions">
        <button type="button" className="button-primary" disabled={!hasTarget} onClick={() => void pickAndAdd()}>
          {t('action.addFiles')}
        </button>
        {narrow ? (
          <OverflowMenu label={t('aria.moreActions')} actions={actions} />
        ) : (
          actions.map((action) => (
            <button
              key={action.label}
              type="button"
              disabled={action.disabled}
              aria-pressed={action.checked}
              onClick={action.run}
            >
              {action.label}
            </button>
          ))
        )}
      </div>
    </header>
  );
}
