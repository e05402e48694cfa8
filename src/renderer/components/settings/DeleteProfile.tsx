// Delete profile, and its question in place of the button. Focus goes to the question's safe answer when it opens,
// and back to Delete profile when the profile is kept, so it never drops to the page.
import { useEffect, useRef, useState } from 'react';
import type { ProfileView } from '../../../shared/settings-schema';
import { useApi, useApp, useT } from '../../store/context';

export function DeleteProfile({ profile }: { profile: ProfileView }) {
  const api = useApi();
  const setEditing = useApp((s) => s.setEditing);
  const t = useT();
  const [asking, setAsking] = useState(false);
  const deleteButton = useRef<HTMLButtonElement>(null);
  const keepButton = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);
  useEffect(() => {
    if (asking) keepButton.current?.focus();
    else if (asked.current) deleteButton.current?.focus();
    asked.current = asking;
  }, [asking]);

  const remove = async () => {
    await api.deleteProfile(profile.id);
    setEditing(null);
  };

  if (!asking) {
    return (
      <button type="button" ref={deleteButton} className="button-danger-quiet" onClick={() => setAsking(true)}>
        {t('action.delete')}
      </button>
    );
  }
  return (
    <div className="confirm" role="alert">
      <span>{t('settings.confirmDelete', { name: profile.name })}</span>
      <button type="button" className="button-danger" onClick={() => void remove()}>
        {t('action.delete')}
      </button>
      <button type="button" ref={keepButton} onClick={() => setAsking(false)}>
        {t('action.cancel')}
      </button>
    </div>
  );
}
