// SecretBoxes for tests: a reversible "encryption" that never stores the plain text, with a chosen backend.
import type { SecretBackend } from '../../shared/settings-schema';
import type { SecretBox } from '../settings/secret-box';

export function createFakeSecretBox(backend: SecretBackend = 'keychain'): SecretBox & { failDecrypt: boolean } {
  const box = {
    failDecrypt: false,
    backend: () => backend,
    encrypt: (plain: string) => Buffer.from(`enc:${[...plain].reverse().join('')}`).toString('base64'),
    decrypt: (data: string) => {
      if (box.failDecrypt) throw new Error('cannot decrypt');
      const text = Buffer.from(data, 'base64').toString();
      if (!text.startsWith('enc:')) throw new Error('not ours');
      return [...text.slice(4)].reverse().join('');
    },
  };
  return box;
}
