// "Copy link" for a done row or a history entry: main signs a presigned GET URL with the profile's keys, for the time
// the profile's setting says; the page writes it to the clipboard and says until when it works.
import { useCallback, useState } from 'react';
import { useApi, useLanguage, useT } from '../../store/context';

export type CopyLinkStatus =
  { kind: 'idle' } | { kind: 'making' } | { kind: 'copied'; text: string } | { kind: 'failed'; text: string };

/** `onSettled` hears the outcome too (a queue row says it in the notice bar rather than inside the row). */
export function useCopyLink(onSettled?: (status: Extract<CopyLinkStatus, { text: string }>) => void): {
  status: CopyLinkStatus;
  copy: (source: { kind: 'queue' | 'history'; id: string }) => void;
} {
  const api = useApi();
  const t = useT();
  const language = useLanguage();
  const [status, setStatus] = useState<CopyLinkStatus>({ kind: 'idle' });

  const copy = useCallback(
    (source: { kind: 'queue' | 'history'; id: string }) => {
      setStatus({ kind: 'making' });
      void (async () => {
        try {
          const link = await api.shareLink(source);
          await navigator.clipboard.writeText(link.url);
          const date = new Date(link.expiresAt).toLocaleString(language, { dateStyle: 'medium', timeStyle: 'short' });
          const copied = { kind: 'copied' as const, text: t('history.copied', { date }) };
          setStatus(copied);
          onSettled?.(copied);
        } catch (e) {
          // Main's refusals read "code: words"; the words are what the user needs.
          const message = (e as Error).message.replace(/^[a-z-]+: /, '');
          const failed = { kind: 'failed' as const, text: t('history.copyFailed', { message }) };
          setStatus(failed);
          onSettled?.(failed);
        }
      })();
    },
    [api, t, language, onSettled],
  );
  return { status, copy };
}
