// "Interrupted uploads": at start, the uploads a crash, a kill or "Pause and quit" left unfinished. Each can be
// resumed (only its missing parts are sent) or discarded (its parts are removed from the server, verified); both put
// it in the queue, where its row shows the rest. "Decide later" closes the prompt; it comes back at the next start.
import { Fragment, useEffect, useRef, type ReactNode } from 'react';
import type { InterruptedProblem, InterruptedUpload } from '../../shared/ipc';
import { formatBytes } from '../lib/format';
import { useNow } from '../lib/use-now';
import { RelativeTime, withElement } from '../lib/relative-time';
import { useFocusTrap } from '../lib/use-focus-trap';
import { useApp, useLanguage, useT } from '../store/context';

const MiB = 1024 * 1024;

/** Part sizes are chosen in MiB in the settings, so they read best that way. */
function formatPartSize(bytes: number, locale: string): string {
  return bytes % MiB === 0 ? `${bytes / MiB} MiB` : formatBytes(bytes, locale);
}

/**
 * Resume needs credentials and the unchanged file; Discard needs only credentials. An upload the user cancelled can
 * only be discarded: the engine would discard it on a resume anyway, so Resume would say one thing and do another.
 */
const canResume = (problem: InterruptedProblem | 'not-found' | null) => problem === null;
const canDiscard = (problem: InterruptedProblem | 'not-found' | null) =>
  problem === null || problem === 'file-changed' || problem === 'file-missing' || problem === 'cancelled';

export function InterruptedDialog() {
  const open = useApp((s) => s.interruptedPrompt !== 'closed');
  const uploads = useApp((s) => s.interrupted);
  const refused = useApp((s) => s.interruptedRefused);
  const busy = useApp((s) => s.interruptedPrompt === 'busy');
  const resume = useApp((s) => s.resumeInterrupted);
  const discard = useApp((s) => s.discardInterrupted);
  const close = useApp((s) => s.closeInterrupted);
  const t = useT();
  const language = useLanguage();
  const first = useRef<HTMLButtonElement>(null);
  const now = useNow(true, 30_000);
  const visible = open && uploads.length > 0;
  // Modal like the others: Tab stays inside, Escape is "Decide later".
  const onKey = useFocusTrap(close);
  useEffect(() => {
    if (visible) first.current?.focus();
  }, [visible]);
  if (!visible) return null;

  const problemOf = (u: InterruptedUpload) => refused[u.uploadId] ?? u.problem;
  const resumable = uploads.filter((u) => canResume(problemOf(u))).map((u) => u.uploadId);
  const discardable = uploads.filter((u) => canDiscard(problemOf(u))).map((u) => u.uploadId);

  return (
    <div className="modal-backdrop">
      <div
        className="modal modal-wide"
        role="dialog"
        aria-modal="true"
        aria-labelledby="interrupted-title"
        aria-describedby="interrupted-body"
        onKeyDown={onKey}
      >
        <h2 id="interrupted-title">{t('interrupted.title')}</h2>
        <p id="interrupted-body">{t('interrupted.body')}</p>
        <ul className="interrupted-list" aria-label={t('interrupted.title')}>
          {uploads.map((u) => {
            const problem = problemOf(u);
            const started = <RelativeTime ms={u.startedAt} now={now} language={language} t={t} />;
            const meta: ReactNode[] = [
              t('interrupted.parts', { n: u.partsDone, partSize: formatPartSize(u.partSize, language) }),
              withElement(t('interrupted.started'), 'when', started),
              u.profileName && t('interrupted.profile', { profile: u.profileName }),
              // Its profile gone, the server is what a profile added to abort it must name.
              !u.profileName && t('interrupted.server', { server: u.server }),
            ].filter(Boolean);
            return (
              <li key={u.uploadId} className="interrupted-item" aria-label={u.name}>
                <div className="row-head">
                  <span className="row-name" title={u.name}>
                    {u.name}
                  </span>
                  <span className="row-size">{formatBytes(u.size, language)}</span>
                </div>
                <div className="row-dest" title={`${u.bucket}/${u.key}`}>
                  {u.bucket}/{u.key}
                </div>
                <div className="interrupted-meta">
                  {meta.map((part, i) => (
                    <Fragment key={i}>
                      {i > 0 && ' · '}
                      {part}
                    </Fragment>
                  ))}
                </div>
                {problem && (
                  <div className="interrupted-problem" role="note">
                    {t(`interrupted.problem.${problem}`)}
                  </div>
                )}
                <div className="interrupted-actions">
                  <button
                    type="button"
                    className="button-small"
                    aria-label={t('aria.resumeItem', { name: u.name })}
                    disabled={busy || !canResume(problem)}
                    onClick={() => void resume([u.uploadId])}
                  >
                    {t('action.resume')}
                  </button>
                  <button
                    type="button"
                    className="button-small button-danger-quiet"
                    aria-label={t('aria.discardItem', { name: u.name })}
                    disabled={busy || !canDiscard(problem)}
                    onClick={() => void discard([u.uploadId])}
                  >
                    {t('action.discard')}
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
        <div className="modal-actions">
          <button type="button" disabled={busy} onClick={close}>
            {t('interrupted.later')}
          </button>
          <button
            type="button"
            className="button-danger"
            disabled={busy || discardable.length === 0}
            onClick={() => void discard(discardable)}
          >
            {t('action.discardAll')}
          </button>
          <button
            type="button"
            ref={first}
            className="button-primary"
            disabled={busy || resumable.length === 0}
            onClick={() => void resume(resumable)}
          >
            {t('action.resumeAll')}
          </button>
        </div>
      </div>
    </div>
  );
}
