// Test connection's state and its answer. An answer belongs to the input it was given: it is shown only while the
// fields it depended on are unchanged (changing one back does not bring it back).
import { messageIn } from '../../../shared/message-text';
import type { ConnectionResult } from '../../../shared/ipc';
import type { ProfileInput } from '../../../shared/settings-schema';
import { useT } from '../../store/context';

/** A test's result and testedOn() of the input it ran on. */
export type TestState = { running: true } | { running: false; result: ConnectionResult; on: string } | null;

/**
 * The fields a connection test depends on: the endpoint main builds from them (settings-store endpointForTest) and
 * the bucket. Name, prefix, part size, parts in flight and speed limit do not change its answer.
 */
export function testedOn(input: ProfileInput): string {
  return JSON.stringify([
    input.endpointUrl,
    input.region,
    input.bucket,
    input.forcePathStyle,
    input.accessKeyId,
    input.credentialSource ?? null,
    input.proxyUrl ?? '',
    input.checksum,
    input.caBundle,
    input.secret ?? '',
    input.clearSecret === true,
    input.sessionToken ?? '',
    input.clearSessionToken === true,
  ]);
}

export function TestAnswer({ test, input }: { test: TestState; input: ProfileInput }) {
  const t = useT();
  if (!test || test.running || test.on !== testedOn(input)) return null;
  return (
    <div
      className={`test-result ${test.result.ok ? 'test-ok' : 'test-bad'}`}
      role="status"
      aria-label={t('action.test')}
    >
      <strong>{t(`conn.${test.result.kind}`)}</strong>
      {test.result.message && !test.result.ok && <span className="test-detail">{messageIn(test.result, t)}</span>}
    </div>
  );
}
