// "New folder": S3 has no folders, only keys with slashes, so a new one is a name the dialog remembers and opens;
// it appears on the server with the first file uploaded into it. Escape in the field closes the field, not the dialog.
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { prefixProblem } from '../../../shared/settings-schema';
import { useT } from '../../store/context';
import { newFolderProblem } from './browse-state';

export function NewFolder({ prefix, onAdd }: { prefix: string; onAdd(folder: string): void }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (open) field.current?.focus();
  }, [open]);

  const trimmed = name.trim();
  const folder = `${prefix}${trimmed}/`;
  const problem = trimmed === '' ? null : (newFolderProblem(trimmed) ?? prefixProblem(folder));

  if (!open) {
    return (
      <button type="button" className="browse-new-folder" onClick={() => setOpen(true)}>
        {t('browse.newFolder')}
      </button>
    );
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (trimmed === '' || problem) return;
    onAdd(folder);
    setName('');
    setOpen(false);
  };
  const onKey = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    setName('');
    setOpen(false);
  };
  return (
    <form className="browse-new-folder-form" onSubmit={submit} noValidate>
      <input
        ref={field}
        value={name}
        spellCheck={false}
        autoComplete="off"
        aria-label={t('browse.newFolderName')}
        placeholder={t('browse.newFolderName')}
        aria-invalid={problem !== null}
        title={problem ? t(problem) : undefined}
        onChange={(e) => setName(e.target.value)}
        onKeyDown={onKey}
      />
      <button type="submit" disabled={trimmed === '' || problem !== null}>
        {t('browse.newFolderAdd')}
      </button>
      {problem && (
        <span className="browse-problem" role="alert">
          {t(problem)}
        </span>
      )}
    </form>
  );
}
