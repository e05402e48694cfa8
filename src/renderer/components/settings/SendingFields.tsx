// How a profile's requests carry file bytes: the integrity check each one gets, and the data path (lean or the SDK).
import { CHECKSUM_MODES } from '../../../shared/settings-schema';
import { DATA_PATH_KINDS } from '../../../shared/target';
import { useT } from '../../store/context';
import { Field } from '../Field';
import type { Draft } from '../profile-draft';

export interface SendingFieldsProps {
  checksum: Draft['checksum'];
  dataPath: Draft['dataPath'];
  onChecksum(value: Draft['checksum']): void;
  onDataPath(value: Draft['dataPath']): void;
}

export function SendingFields({ checksum, dataPath, onChecksum, onDataPath }: SendingFieldsProps) {
  const t = useT();
  return (
    <>
      <Field id="profile-checksum" label={t('field.checksum')}>
        {(aria) => (
          <select {...aria} value={checksum} onChange={(e) => onChecksum(e.target.value as Draft['checksum'])}>
            {CHECKSUM_MODES.map((mode) => (
              <option key={mode} value={mode}>
                {t(`checksum.${mode}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="profile-data-path" label={t('field.dataPath')} hint={t('field.dataPathHint')}>
        {(aria) => (
          <select {...aria} value={dataPath} onChange={(e) => onDataPath(e.target.value as Draft['dataPath'])}>
            {DATA_PATH_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`dataPath.${kind}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
    </>
  );
}
