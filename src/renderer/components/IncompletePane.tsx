// Incomplete multipart uploads on the server, per profile and bucket (the current target's at first): list them,
// abort the selected ones, all of them, or those older than N days. Main uses the profile's own endpoint and keys;
// the page sends only the profile id, the bucket and the uploads to abort. Each abort is verified by main and its
// answer shown in the upload's row.
import { useEffect, useState, type FormEvent } from 'react';
import type { IncompleteAbortResult, IncompleteUploadInfo } from '../../shared/ipc';
import { bucketNameProblem, prefixProblem, type TargetChoice } from '../../shared/settings-schema';
import { destination, formatBytes } from '../lib/format';
import { useApi, useApp, useLanguage, useT } from '../store/context';
import { IncompleteTable, isRemoved } from './IncompleteTable';

const DAY_MS = 86_400_000;
/** The contract takes at most 1,000 uploads per abort. */
const ABORT_CHUNK = 1000;

const LIFECYCLE_RULE = `{
  "Rules": [
    {
      "ID": "abort-incomplete-multipart-uploads",
      "Status": "Enabled",
      "Filter": { "Prefix": "" },
      "AbortIncompleteMultipartUpload": { "DaysAfterInitiation": 7 }
    }
  ]
}`;

export function IncompletePane() {
  const api = useApi();
  const settings = useApp((s) => s.settings);
  const start = useApp((s) => s.incompleteFor ?? s.settings?.activeTarget ?? null);
  const back = useApp((s) => s.closeSettings);
  const t = useT();
  const language = useLanguage();
  const profiles = settings?.profiles ?? [];
  const initial: TargetChoice | null =
    start ?? (profiles[0] ? { profileId: profiles[0].id, bucket: profiles[0].bucket, prefix: '' } : null);

  const [where, setWhere] = useState<TargetChoice | null>(initial && { ...initial, prefix: '' });
  /** What the rows are from: aborts go there, whatever the form says now. */
  const [listed, setListed] = useState<TargetChoice | null>(null);
  const [rows, setRows] = useState<IncompleteUploadInfo[] | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [results, setResults] = useState<Record<string, IncompleteAbortResult | 'pending'>>({});
  const [days, setDays] = useState('7');

  const problem = where ? (bucketNameProblem(where.bucket) ?? prefixProblem(where.prefix)) : null;

  const list = async (choice: TargetChoice | null = where) => {
    if (!choice || bucketNameProblem(choice.bucket) || prefixProblem(choice.prefix)) return;
    setLoading(true);
    setError(null);
    setNote(null);
    try {
      const found = await api.listIncomplete(choice);
      setRows(found);
      setListed(choice);
      setSelected(new Set());
      setResults({});
    } catch (e) {
      setRows(null);
      setError((e as Error).message);
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => {
    void list();
    // Lists once, for the target the view was opened with; after that, the List button does.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const abort = async (targets: IncompleteUploadInfo[]) => {
    if (!listed || targets.length === 0) return;
    setNote(null);
    setError(null);
    setResults((r) => ({ ...r, ...Object.fromEntries(targets.map((u) => [u.uploadId, 'pending' as const])) }));
    for (let i = 0; i < targets.length; i += ABORT_CHUNK) {
      const chunk = targets.slice(i, i + ABORT_CHUNK);
      try {
        const answers = await api.abortIncomplete(
          { profileId: listed.profileId, bucket: listed.bucket },
          chunk.map(({ key, uploadId }) => ({ key, uploadId })),
        );
        setResults((r) => ({ ...r, ...Object.fromEntries(answers.map((a) => [a.uploadId, a])) }));
      } catch (e) {
        // not-listed: main aborts only uploads it listed recently (ipc/listed-uploads.ts); this list is too old.
        const raw = (e as Error).message;
        const message = raw.includes('not-listed') ? t('incomplete.listAgain') : raw;
        const failed = chunk.map((u) => [
          u.uploadId,
          { key: u.key, uploadId: u.uploadId, verified: false, error: message },
        ]);
        setResults((r) => ({ ...r, ...Object.fromEntries(failed) }));
      }
    }
    setSelected((s) => new Set([...s].filter((id) => !targets.some((u) => u.uploadId === id))));
  };

  const open = (rows ?? []).filter((r) => !isRemoved(results[r.uploadId]) && results[r.uploadId] !== 'pending');
  const abortOlder = () => {
    const n = Number(days);
    if (!Number.isFinite(n) || n < 0) return;
    const cutoff = Date.now() - n * DAY_MS;
    // An upload without a date (the server gave none) is never taken for an old one.
    const old = open.filter((r) => {
      const when = Date.parse(r.initiated);
      return !Number.isNaN(when) && when < cutoff;
    });
    if (old.length === 0) setNote(t('incomplete.noneOlder', { n }));
    else void abort(old);
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void list();
  };
  const onProfile = (profileId: string) => {
    const p = profiles.find((x) => x.id === profileId);
    if (p) setWhere({ profileId, bucket: p.bucket, prefix: '' });
  };
  const totalBytes = (rows ?? []).reduce((n, r) => n + r.bytes, 0);
  const busy = loading || Object.values(results).includes('pending');

  return (
    <section className="incomplete" aria-labelledby="incomplete-title">
      <div className="incomplete-head">
        <h2 id="incomplete-title">{t('incomplete.title')}</h2>
        <button type="button" className="button-small" onClick={back}>
          {t('action.back')}
        </button>
      </div>
      <p className="muted">{t('incomplete.intro')}</p>

      {where && (
        <form className="incomplete-where" onSubmit={onSubmit}>
          <label className="target-field">
            <span>{t('target.profile')}</span>
            <select value={where.profileId} onChange={(e) => onProfile(e.target.value)}>
              {profiles.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
          <label className="target-field">
            <span>{t('target.bucket')}</span>
            <input
              value={where.bucket}
              spellCheck={false}
              aria-invalid={bucketNameProblem(where.bucket) !== null}
              onChange={(e) => setWhere({ ...where, bucket: e.target.value.trim() })}
            />
          </label>
          <label className="target-field target-prefix">
            <span>{t('target.prefix')}</span>
            <input
              value={where.prefix}
              spellCheck={false}
              placeholder={t('target.prefixPlaceholder')}
              aria-invalid={prefixProblem(where.prefix) !== null}
              onChange={(e) => setWhere({ ...where, prefix: e.target.value })}
            />
          </label>
          <button type="submit" className="button-primary" disabled={busy || problem !== null}>
            {loading ? t('incomplete.loading') : t('incomplete.list')}
          </button>
          {problem && (
            <span className="target-problem" role="alert">
              {t(problem)}
            </span>
          )}
        </form>
      )}

      {error && (
        <div className="notice notice-error" role="alert">
          {error}
        </div>
      )}
      {rows && listed && rows.length === 0 && (
        <p role="status">{t('incomplete.none', { dest: destination(listed.bucket, listed.prefix) })}</p>
      )}
      {rows && rows.length > 0 && (
        <>
          <div className="incomplete-actions">
            <span role="status">
              {t('incomplete.count', { n: rows.length, size: formatBytes(totalBytes, language) })}
            </span>
            <button
              type="button"
              className="button-danger"
              disabled={busy || selected.size === 0}
              onClick={() => void abort(open.filter((r) => selected.has(r.uploadId)))}
            >
              {t('incomplete.abortSelected')}
            </button>
            <button
              type="button"
              className="button-danger"
              disabled={busy || open.length === 0}
              onClick={() => void abort(open)}
            >
              {t('incomplete.abortAll')}
            </button>
            <span className="incomplete-older">
              <label className="target-field">
                <span>{t('incomplete.days')}</span>
                <input type="number" min={0} step={1} value={days} onChange={(e) => setDays(e.target.value)} />
              </label>
              <button type="button" className="button-danger" disabled={busy || open.length === 0} onClick={abortOlder}>
                {t('incomplete.abortOlder', { n: days })}
              </button>
            </span>
          </div>
          {note && <p role="status">{note}</p>}
          <IncompleteTable
            rows={rows}
            selected={selected}
            results={results}
            onToggle={(id, on) =>
              setSelected((s) => {
                const next = new Set(s);
                if (on) next.add(id);
                else next.delete(id);
                return next;
              })
            }
            onToggleAll={(on) => setSelected(on ? new Set(open.map((r) => r.uploadId)) : new Set())}
          />
        </>
      )}

      <aside className="incomplete-hint" aria-labelledby="lifecycle-title">
        <h3 id="lifecycle-title">{t('incomplete.hintTitle')}</h3>
        <p>{t('incomplete.hint')}</p>
        <pre>
          <code>{LIFECYCLE_RULE}</code>
        </pre>
      </aside>
    </section>
  );
}
