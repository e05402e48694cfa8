// The incomplete uploads of one bucket: a checkbox per upload, what the server says about it, and what happened
// when it was aborted.
import type { IncompleteAbortResult, IncompleteUploadInfo } from '../../shared/ipc';
import { formatBytes } from '../lib/format';
import { useNow } from '../lib/use-now';
import { RelativeTime } from '../lib/relative-time';
import { useLanguage, useT } from '../store/context';

export interface IncompleteTableProps {
  rows: IncompleteUploadInfo[];
  selected: ReadonlySet<string>;
  /** Abort answers by upload id; 'pending' while the abort is under way. */
  results: Readonly<Record<string, IncompleteAbortResult | 'pending'>>;
  onToggle(uploadId: string, on: boolean): void;
  onToggleAll(on: boolean): void;
}

/** UploadIds are long; the start is enough to tell them apart, and the whole one is in the tooltip. */
function shortId(id: string): string {
  return id.length > 12 ? `${id.slice(0, 12)}…` : id;
}

export function IncompleteTable({ rows, selected, results, onToggle, onToggleAll }: IncompleteTableProps) {
  const t = useT();
  const language = useLanguage();
  const now = useNow(true, 30_000);
  const open = rows.filter((r) => !isRemoved(results[r.uploadId]));
  const allOn = open.length > 0 && open.every((r) => selected.has(r.uploadId));

  const resultText = (result: IncompleteAbortResult | 'pending' | undefined) => {
    if (!result) return '';
    if (result === 'pending') return t('incomplete.aborting');
    return result.verified ? t('incomplete.removed') : t('incomplete.notRemoved', { error: result.error ?? '?' });
  };

  return (
    <table className="incomplete-table">
      <thead>
        <tr>
          <th scope="col">
            <input
              type="checkbox"
              aria-label={t('incomplete.selectAll')}
              checked={allOn}
              disabled={open.length === 0}
              onChange={(e) => onToggleAll(e.target.checked)}
            />
          </th>
          <th scope="col">{t('incomplete.key')}</th>
          <th scope="col">{t('incomplete.uploadId')}</th>
          <th scope="col">{t('incomplete.initiated')}</th>
          <th scope="col" className="num">
            {t('incomplete.parts')}
          </th>
          <th scope="col" className="num">
            {t('incomplete.size')}
          </th>
          <th scope="col">{t('incomplete.result')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const result = results[row.uploadId];
          const removed = isRemoved(result);
          return (
            <tr key={row.uploadId} aria-label={row.key} className={removed ? 'incomplete-removed' : undefined}>
              <td>
                <input
                  type="checkbox"
                  aria-label={t('incomplete.select', { key: row.key })}
                  checked={selected.has(row.uploadId)}
                  disabled={removed || result === 'pending'}
                  onChange={(e) => onToggle(row.uploadId, e.target.checked)}
                />
              </td>
              <td className="incomplete-key" title={row.key}>
                {row.key}
                {row.startedByHoist && <span className="badge">{t('incomplete.byHoist')}</span>}
              </td>
              <td className="mono" title={row.uploadId}>
                {shortId(row.uploadId)}
              </td>
              <td className="incomplete-when">
                <RelativeTime ms={Date.parse(row.initiated)} now={now} language={language} t={t} />
              </td>
              <td className="num">{row.parts}</td>
              <td className="num">{formatBytes(row.bytes, language)}</td>
              <td className={result && result !== 'pending' && !result.verified ? 'state-bad' : undefined}>
                {resultText(result)}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function isRemoved(result: IncompleteAbortResult | 'pending' | undefined): boolean {
  return result !== undefined && result !== 'pending' && result.verified;
}
