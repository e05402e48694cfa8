// "Browse…" beside the target bar's bucket and prefix: opens the destination browser at them, and hands the folder
// chosen there back to the bar. Focus returns to the button when the dialog closes.
import { useRef, useState } from 'react';
import { useT } from '../../store/context';
import { DestinationBrowser } from './DestinationBrowser';

export interface BrowseButtonProps {
  profileId: string;
  bucket: string;
  prefix: string;
  onPick(bucket: string, prefix: string): void;
}

export function BrowseButton({ profileId, bucket, prefix, onPick }: BrowseButtonProps) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  return (
    <>
      <button
        ref={button}
        type="button"
        className="button-small browse-open"
        title={t('browse.openHint')}
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        {t('browse.open')}
      </button>
      {open && (
        <DestinationBrowser
          profileId={profileId}
          bucket={bucket}
          prefix={prefix}
          onClose={close}
          onPick={(b, p) => {
            close();
            onPick(b, p);
          }}
        />
      )}
    </>
  );
}
