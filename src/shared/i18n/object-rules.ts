// Messages of the rules on upload options (shared/object-options.ts: objectOptionsProblem, parseKeyValue), English
// and Japanese. Merged into the one dictionary by i18n-en.ts and i18n-ja.ts; the Japanese object must have every
// English key (its type checks it). The CLI words them in English through objectRuleText, prefixed with the flag.
import type { ObjectOptionsProblem, ObjectRuleKey } from '../object-options';

export const objectRulesEn = {
  'objectRule.contentType':
    'Content-Type "{value}" is not a media type. Use the form type/subtype, such as text/plain or image/png.',
  'objectRule.headerText':
    '{option} may hold only printable ASCII characters on one line (got "{value}"). Remove line breaks and non-ASCII characters.',
  'objectRule.metadataKey':
    'Metadata key "{key}" is not allowed. Use letters, digits and - _ . ! # $ % & \' * + ^ ` | ~ only, with no spaces.',
  'objectRule.metadataValue':
    'The value of metadata "{key}" may hold only printable ASCII characters on one line (got "{value}").',
  'objectRule.metadataDuplicate':
    'Metadata key "{key}" is given twice (S3 stores keys in lower case, so case does not tell them apart). Give each key once.',
  'objectRule.metadataSize':
    'The metadata adds up to {size} bytes; S3 allows {max} bytes of keys and values in all. Shorten or drop some entries.',
  'objectRule.tagCount': '{count} tags given; S3 allows {max} tags per object. Drop some.',
  'objectRule.tagKeyLength': 'Tag key "{key}" must be 1 to {max} characters long.',
  'objectRule.tagValueLength': 'The value of tag "{key}" is {length} characters long; S3 allows {max}.',
  'objectRule.tagChars': 'Tag "{key}": tag keys and values may hold letters, digits, spaces and + - = . _ : / @ only.',
  'objectRule.tagReserved': 'Tag key "{key}" starts with "aws:", which S3 keeps for its own tags. Choose another key.',
  'objectRule.tagDuplicate': 'Tag key "{key}" is given twice. Give each tag key once.',
  'objectRule.kmsKeyId':
    'KMS key "{value}" is not a key ID, key ARN or alias. Give it without spaces, such as alias/my-key or a key ARN.',
  'objectRule.kmsKeyWithoutKms':
    'A KMS key ID is used only with aws:kms encryption. Choose aws:kms, or leave the key out.',
  'objectRule.keyValue': '"{value}" is not key=value. Give a key, "=" and the value (the value may be empty).',
} as const satisfies Record<ObjectRuleKey, string>;

export const objectRulesJa: Record<keyof typeof objectRulesEn, string> = {
  'objectRule.contentType':
    'Content-Type「{value}」はメディアタイプではありません。text/plain や image/png のように type/subtype の形で指定してください。',
  'objectRule.headerText':
    '{option} には 1 行の印字可能な ASCII 文字しか使えません（指定値：「{value}」）。改行と ASCII 以外の文字を取り除いてください。',
  'objectRule.metadataKey':
    "メタデータのキー「{key}」は使えません。英字、数字と - _ . ! # $ % & ' * + ^ ` | ~ だけを使い、空白は入れないでください。",
  'objectRule.metadataValue':
    'メタデータ「{key}」の値には 1 行の印字可能な ASCII 文字しか使えません（指定値：「{value}」）。',
  'objectRule.metadataDuplicate':
    'メタデータのキー「{key}」が 2 回指定されています（S3 はキーを小文字で保存するため、大文字と小文字は区別されません）。各キーは 1 回だけ指定してください。',
  'objectRule.metadataSize':
    'メタデータの合計が {size} バイトです。S3 ではキーと値の合計が {max} バイトまでです。項目を短くするか減らしてください。',
  'objectRule.tagCount':
    'タグが {count} 個指定されています。S3 ではオブジェクトごとに {max} 個までです。減らしてください。',
  'objectRule.tagKeyLength': 'タグのキー「{key}」は 1〜{max} 文字にしてください。',
  'objectRule.tagValueLength': 'タグ「{key}」の値が {length} 文字あります。S3 では {max} 文字までです。',
  'objectRule.tagChars': 'タグ「{key}」：タグのキーと値には文字、数字、空白と + - = . _ : / @ しか使えません。',
  'objectRule.tagReserved':
    'タグのキー「{key}」は「aws:」で始まっています。これは S3 自身のタグ用です。別のキーにしてください。',
  'objectRule.tagDuplicate': 'タグのキー「{key}」が 2 回指定されています。各キーは 1 回だけ指定してください。',
  'objectRule.kmsKeyId':
    'KMS キー「{value}」はキー ID、キー ARN、エイリアスのいずれでもありません。alias/my-key やキー ARN のように空白なしで指定してください。',
  'objectRule.kmsKeyWithoutKms':
    'KMS キー ID は aws:kms 暗号化でのみ使います。aws:kms を選ぶか、キーを外してください。',
  'objectRule.keyValue':
    '「{value}」は key=value の形ではありません。キー、「=」、値の順に指定してください（値は空でも構いません）。',
};

/** A problem's message with its values filled, in English or Japanese (the CLI prints the English one). */
export function objectRuleText(p: Pick<ObjectOptionsProblem, 'key' | 'params'>, language: 'en' | 'ja' = 'en'): string {
  const template = (language === 'ja' ? objectRulesJa : objectRulesEn)[p.key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(p.params, name) ? String(p.params[name]) : whole,
  );
}
