// The fields of one set of object options: Content-Type, Cache-Control, Content-Disposition, metadata, tags, storage
// class, encryption and ACL. Shared by the profile form (its defaults) and the target bar's Options (a drop's), so
// both read and check the same way. The parent holds the value and decides when a message shows (errorFor).
import {
  CANNED_ACLS,
  STORAGE_CLASSES,
  type CannedAcl,
  type ContentTypeChoice,
  type EncryptionChoice,
  type ObjectOptions,
  type StorageClass,
} from '../../../shared/object-options';
import { useT } from '../../store/context';
import { Field } from '../Field';
import { KeyValueList } from './KeyValueList';

export interface ObjectOptionsFieldsProps {
  /** Prefix of every input's id, e.g. "profile-opt" → "profile-opt-cacheControl". */
  idPrefix: string;
  value: ObjectOptions;
  onChange(next: ObjectOptions): void;
  /** The message to show for a problem name of option-values.ts (contentType, tags.0.key, …), if any. */
  errorFor(name: string): string | undefined;
  onBlur(name: string): void;
}

/** What "Server default" / "Bucket default" stands for in a select: no header at all. */
const UNSET = '';

export function ObjectOptionsFields({ idPrefix, value, onChange, errorFor, onBlur }: ObjectOptionsFieldsProps) {
  const t = useT();
  const id = (name: string) => `${idPrefix}-${name}`;
  const set = <K extends keyof ObjectOptions>(field: K, next: ObjectOptions[K]) =>
    onChange({ ...value, [field]: next });
  const without = (field: 'storageClass' | 'acl') => {
    const { [field]: _gone, ...rest } = value;
    onChange(rest);
  };

  const contentTypeMode = (mode: ContentTypeChoice['mode']) =>
    set('contentType', mode === 'fixed' ? { mode, value: fixedTypeOf(value.contentType) } : { mode });
  const encryptionMode = (mode: EncryptionChoice['mode']) =>
    set('encryption', mode === 'aws:kms' ? { mode, keyId: '' } : { mode });

  const text = (field: 'cacheControl' | 'contentDisposition', label: string, placeholder: string) => (
    <Field id={id(field)} label={label} error={errorFor(field)}>
      {(aria) => (
        <input
          {...aria}
          value={value[field]}
          placeholder={placeholder}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => set(field, e.target.value)}
          onBlur={() => onBlur(field)}
        />
      )}
    </Field>
  );
  const rowsError = (list: 'metadata' | 'tags') => (name: string) => errorFor(name ? `${list}.${name}` : list);
  const rowsBlur = (list: 'metadata' | 'tags') => (name: string) => onBlur(`${list}.${name}`);

  return (
    <div className="options-fields">
      <Field id={id('contentTypeMode')} label={t('options.contentType')}>
        {(aria) => (
          <select
            {...aria}
            value={value.contentType.mode}
            onChange={(e) => contentTypeMode(e.target.value as ContentTypeChoice['mode'])}
          >
            <option value="auto">{t('options.contentType.auto')}</option>
            <option value="fixed">{t('options.contentType.fixed')}</option>
            <option value="none">{t('options.contentType.none')}</option>
          </select>
        )}
      </Field>
      {value.contentType.mode === 'fixed' ? (
        <Field id={id('contentType')} label={t('options.contentTypeValue')} error={errorFor('contentType')}>
          {(aria) => (
            <input
              {...aria}
              value={fixedTypeOf(value.contentType)}
              placeholder="text/plain; charset=utf-8"
              spellCheck={false}
              autoComplete="off"
              onChange={(e) => set('contentType', { mode: 'fixed', value: e.target.value })}
              onBlur={() => onBlur('contentType')}
            />
          )}
        </Field>
      ) : (
        // Keeps the grid's pairs in step whichever Content-Type mode is chosen.
        <div className="field options-spacer" aria-hidden="true" />
      )}
      {text('cacheControl', t('options.cacheControl'), t('options.none'))}
      {text('contentDisposition', t('options.contentDisposition'), t('options.none'))}
      <Field id={id('storageClass')} label={t('options.storageClass')}>
        {(aria) => (
          <select
            {...aria}
            value={value.storageClass ?? UNSET}
            onChange={(e) =>
              e.target.value === UNSET ? without('storageClass') : set('storageClass', e.target.value as StorageClass)
            }
          >
            <option value={UNSET}>{t('options.serverDefault')}</option>
            {STORAGE_CLASSES.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id={id('acl')} label={t('options.acl')}>
        {(aria) => (
          <select
            {...aria}
            value={value.acl ?? UNSET}
            onChange={(e) => (e.target.value === UNSET ? without('acl') : set('acl', e.target.value as CannedAcl))}
          >
            <option value={UNSET}>{t('options.bucketDefault')}</option>
            {CANNED_ACLS.map((acl) => (
              <option key={acl} value={acl}>
                {acl}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id={id('encryption')} label={t('options.encryption')}>
        {(aria) => (
          <select
            {...aria}
            value={value.encryption.mode}
            onChange={(e) => encryptionMode(e.target.value as EncryptionChoice['mode'])}
          >
            <option value="default">{t('options.encryption.default')}</option>
            <option value="AES256">{t('options.encryption.AES256')}</option>
            <option value="aws:kms">{t('options.encryption.aws:kms')}</option>
          </select>
        )}
      </Field>
      {value.encryption.mode === 'aws:kms' ? (
        <Field
          id={id('kmsKeyId')}
          label={t('options.kmsKeyId')}
          hint={t('options.kmsKeyHint')}
          error={errorFor('kmsKeyId')}
        >
          {(aria) => (
            <input
              {...aria}
              value={value.encryption.mode === 'aws:kms' ? (value.encryption.keyId ?? '') : ''}
              placeholder="arn:aws:kms:…"
              spellCheck={false}
              autoComplete="off"
              onChange={(e) => set('encryption', { mode: 'aws:kms', keyId: e.target.value })}
              onBlur={() => onBlur('kmsKeyId')}
            />
          )}
        </Field>
      ) : (
        <div className="field options-spacer" aria-hidden="true" />
      )}
      <KeyValueList
        id={id('metadata')}
        label={t('options.metadata')}
        what={t('options.metadataItem')}
        addLabel={t('options.addMetadata')}
        rows={value.metadata}
        max={100}
        onChange={(rows) => set('metadata', rows)}
        errorFor={rowsError('metadata')}
        onBlur={rowsBlur('metadata')}
      />
      <KeyValueList
        id={id('tags')}
        label={t('options.tags')}
        what={t('options.tagItem')}
        addLabel={t('options.addTag')}
        rows={value.tags}
        max={10}
        onChange={(rows) => set('tags', rows)}
        errorFor={rowsError('tags')}
        onBlur={rowsBlur('tags')}
      />
    </div>
  );
}

function fixedTypeOf(choice: ContentTypeChoice): string {
  return choice.mode === 'fixed' ? choice.value : '';
}
