// Messages of the engine-errors part of the window, English and Japanese. Merged into the one dictionary by i18n-en.ts and
// i18n-ja.ts; the Japanese object must have every English key (its type checks it).
//
// The engine words its errors from the English templates here (translate('en', …)), so the CLI prints them as they
// are, and it sends the key and its values along, so that the window shows them in its own language. One key per
// sentence: a message of several sentences is sent as a list of keys. File paths, bucket names, codes, flags and
// commands are values or stay as written, in both languages.

export const engineErrorsEn = {
  // What an S3 server's error code means (s3/error-messages.ts).
  'engineError.NoSuchBucket':
    'Bucket "{bucket}" does not exist at {endpoint}. Check the bucket name, or create the bucket first.',
  'engineError.InvalidBucketName':
    '"{bucket}" is not a valid bucket name at {endpoint}: a bucket name is 3–63 characters of lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit. Check the bucket name.',
  'engineError.AccessDenied':
    'Access denied writing {key} to bucket "{bucket}" at {endpoint}. Check that the credentials may s3:PutObject there.',
  'engineError.AccessDenied.bare':
    'Access denied writing {key} to bucket "{bucket}" at {endpoint} (HTTP 403 with no details). Check the credentials and the bucket policy.',
  'engineError.InvalidAccessKeyId':
    'The access key ID is not known to {endpoint}. Check the credentials (AWS_ACCESS_KEY_ID or the profile).',
  'engineError.InvalidAccessKeyId.named':
    'The access key ID "{accessKeyId}" is not known to {endpoint}. Check the credentials (AWS_ACCESS_KEY_ID or the profile).',
  'engineError.InvalidAccessKeyId.answered':
    'The access key ID is not known to {endpoint} (it answered {code}). Check the credentials (AWS_ACCESS_KEY_ID or the profile).',
  'engineError.InvalidAccessKeyId.answeredStatus':
    'The access key ID is not known to {endpoint} (it answered {code}, HTTP {status}). Check the credentials (AWS_ACCESS_KEY_ID or the profile).',
  'engineError.InvalidAccessKeyId.named.answered':
    'The access key ID "{accessKeyId}" is not known to {endpoint} (it answered {code}). Check the credentials (AWS_ACCESS_KEY_ID or the profile).',
  'engineError.InvalidAccessKeyId.named.answeredStatus':
    'The access key ID "{accessKeyId}" is not known to {endpoint} (it answered {code}, HTTP {status}). Check the credentials (AWS_ACCESS_KEY_ID or the profile).',
  'engineError.SignatureDoesNotMatch':
    '{endpoint} rejected the request signature. Check the secret access key and the region.',
  'engineError.ExpiredToken':
    '{endpoint} refused the session token ({code}). Get fresh credentials (AWS_SESSION_TOKEN or the profile).',
  'engineError.NoCredentials':
    'No AWS credentials found for {endpoint}. Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE.',
  'engineError.PermanentRedirect':
    'bucket "{bucket}" at {endpoint} is in another region. Set the region the bucket lives in.',
  'engineError.EntityTooLarge': '{file} is too large for a single request at {endpoint}.',
  'engineError.NoSuchUpload':
    'The multipart upload for {key} no longer exists on {endpoint} (it was aborted or expired).',
  'engineError.NotImplemented':
    '{endpoint} does not implement a feature Hoist used (often the CRC32 checksum header). Set the endpoint\'s checksum mode to "auto" or "md5" (--checksum md5), which servers check without it.',
  'engineError.NotFound.bare':
    '{endpoint} answered HTTP 404 with no details for bucket "{bucket}". Check the bucket name and the endpoint URL.',
  // An answer Hoist has no words for: what the server said, then what to check (two sentences, two keys).
  'engineError.answered.bare': '{endpoint} answered HTTP {status} with no details for {key} in bucket "{bucket}".',
  'engineError.answered.code': '{endpoint} answered {code} (HTTP {status}) for {key} in bucket "{bucket}".',
  'engineError.answered.said': '{endpoint} answered {code} (HTTP {status}): "{said}" for {key} in bucket "{bucket}".',
  'engineError.todo.403': 'Check the credentials and what they are allowed to do there.',
  'engineError.todo.404': 'Check the endpoint URL, the bucket name and the credentials.',
  'engineError.todo.other': "Hoist does not know this answer; the server's documentation or logs may say more.",
  'engineError.NotS3Endpoint':
    '{endpoint} does not look like an S3 server: it answered HTTP {status} with a reply that holds no S3 error code. Check the endpoint URL: it must be the address of the S3 API.',
  // TLS.
  'engineError.TlsUntrusted':
    "{endpoint} presented a TLS certificate that this computer does not trust ({code}). Trust its CA certificate — hoist: --ca-bundle FILE or AWS_CA_BUNDLE; app: the profile's CA certificate.",
  'engineError.TlsExpired':
    "The TLS certificate of {endpoint} has expired ({code}). Renew it on the server, or check this computer's clock.",
  'engineError.TlsNotYetValid':
    "The TLS certificate of {endpoint} is not valid yet ({code}). Check this computer's clock and the certificate's dates.",
  'engineError.TlsHostMismatch':
    'The TLS certificate of {endpoint} is not for that host name ({code}). Use a host name the certificate names in the endpoint URL, or fix the certificate.',
  'engineError.TlsHostMismatch.detail':
    'The TLS certificate of {endpoint} is not for that host name ({code}: {detail}). Use a host name the certificate names in the endpoint URL, or fix the certificate.',
  'engineError.TlsError':
    "TLS failed with {endpoint} ({code}). Check the endpoint's certificate, or use http:// for a local server.",
  // The network, the file, and answers worth another try (s3/errors.ts).
  'engineError.Aborted': 'The request was aborted.',
  'engineError.EndpointUnreachable': 'Cannot reach {endpoint} ({code}). Check the endpoint URL and your network.',
  'engineError.EndpointNeverReached':
    'Cannot reach {endpoint} ({code}): no request to it has succeeded, and Hoist gave up after {seconds} s. Check the endpoint URL and that the server is running there.',
  'engineError.FileMissing': '{file} no longer exists; upload it again once it is back.',
  'engineError.FileUnreadable': '{file} cannot be read (permission denied). Fix its permissions and retry.',
  'engineError.FileReadFailed':
    '{file} could not be read on this computer ({code}: {detail}). Check the file and its disk, then retry.',
  'engineError.IsAFolder': '{file} is a folder, not a file.',
  'engineError.FileChanged':
    '{file} changed while it was uploading (its size or modification time differs). Nothing of it was kept; retry to upload the new version.',
  'engineError.FileChanged.putRemoved':
    '{file} changed while it was uploading (its size or modification time differs). Hoist removed the object it had just written to {key} on {endpoint}. Unless the bucket keeps versions, an object the key held before this upload was replaced by it and is gone too. Retry to upload the new version.',
  'engineError.FileChanged.putVersionRemoved':
    '{file} changed while it was uploading (its size or modification time differs). Hoist removed the version it had just written to {key} on {endpoint}; the version the key held before, if any, is current again. Retry to upload the new version.',
  'engineError.FileChanged.putNotRemoved':
    '{file} changed while it was uploading (its size or modification time differs), and the object Hoist had just written to "{key}" on {endpoint} could not be removed safely: {why}. Check that key and delete the object if it is Hoist\'s, then retry to upload the new version.',
  'engineError.FileShrank':
    '{file} changed while it was uploading (it is now shorter than when the upload started). Nothing of it was kept; retry to upload the new version.',
  'engineError.transient.code': '{endpoint} answered {code} for {key}; retrying may help.',
  'engineError.transient.broken': 'The connection to {endpoint} broke while sending {key} ({code}); retrying may help.',
  'engineError.transient.timedOut': '{endpoint} did not answer in time for {key} ({code}); retrying may help.',
  'engineError.transient.broken.bare': 'The connection to {endpoint} broke ({code}); retrying may help.',
  'engineError.transient.timedOut.bare': '{endpoint} did not answer in time ({code}); retrying may help.',
  'engineError.transient.status': '{endpoint} answered HTTP {status} for {key}; retrying may help.',
  'engineError.transient.codeStatus': '{endpoint} answered {code} (HTTP {status}) for {key}; retrying may help.',
  'engineError.transient.notS3':
    '{endpoint} answered HTTP {status} without an S3 error code for {key}; retrying may help.',
  'engineError.connectionFailed': 'Connection to {endpoint} failed ({detail}); retrying.',
  'engineError.refused': '{endpoint} refused {key}: {detail}',
  'engineError.refused.code': '{endpoint} refused {key}: {detail} ({code})',
  // Appended when the retries end (s3/with-retries.ts).
  'engineError.gaveUpAfterSeconds': 'Gave up after {seconds} s.',
  'engineError.gaveUpAfterAttempts': 'Gave up after {count} attempts.',
  'engineError.gaveUpAfterAttempts.one': 'Gave up after 1 attempt.',
  // Cleanup of a stopped upload (job/stop-cleanup.ts, queue/entry-runner.ts).
  'engineError.cleanup.unconfirmed':
    'Could not confirm that the partial upload of {key} was removed from {endpoint} ({detail}). Retry the cleanup, or add a lifecycle rule AbortIncompleteMultipartUpload to the bucket.',
  'engineError.cleanup.completeUnsettled':
    '{endpoint} stopped listing the upload of {key} while its CompleteMultipartUpload was unanswered, and the object has not appeared within {seconds} s: the server may still be making it. Check the key before relying on it; Retry the cleanup to look again.',
  'engineError.cleanup.completeUnlooked':
    'The upload of {key} is no longer on {endpoint}, but its CompleteMultipartUpload may have made the object, and the key could not be looked at ({detail}). Check the key before relying on it; Retry the cleanup to look again.',
  'engineError.cleanup.createUnconfirmed':
    'Could not confirm that the upload of {key} that a cut-off CreateMultipartUpload made was removed from {endpoint} ({detail}). Retry the cleanup, or add a lifecycle rule AbortIncompleteMultipartUpload to the bucket.',
  'engineError.cleanup.createUnlisted':
    'CreateMultipartUpload for {key} got no answer from {endpoint}, and its uploads could not be listed ({detail}), so an empty upload may be left there. Retry the cleanup, or run `hoist incomplete ls` on the bucket.',
  'engineError.cleanup.createNotSeen':
    'CreateMultipartUpload for {key} got no answer from {endpoint}, and the server lists no upload of it yet: if the server is still making one, it would be left there. Retry to look again, or add a lifecycle rule AbortIncompleteMultipartUpload to the bucket.',
  'engineError.cleanup.beforeRetry': 'The upload is not started again until its earlier parts are removed.',
  // A single PUT cut off whose body carried no integrity check (job/put-cleanup.ts, job/put-single.ts).
  'engineError.cleanup.putCutPartial':
    'The upload of {key} to {endpoint} was cut off, and its body carried no integrity check (checksum off): the server may have stored a partial copy of the file there, replacing what the key held. The key now holds an object of {size} bytes, last modified since the upload started (or within a minute before), while the file has {fileSize} bytes. Hoist does not delete it, since it may be someone else\'s. Check that key, upload the file again, or set the endpoint\'s checksum mode to "auto" (--checksum auto) so that the server refuses a body cut short.',
  'engineError.cleanup.putCutUnsure':
    "The upload of {key} to {endpoint} was cut off, and its body carried no integrity check (checksum off): the server may have stored a partial copy of the file there, replacing what the key held. The key now holds an object of the file's size, last modified since the upload started (or within a minute before), that Hoist could not confirm to be the whole file. Hoist does not delete it, since it may be someone else's. Check that key, upload the file again, or set the endpoint's checksum mode to \"auto\" (--checksum auto) so that the server refuses a body cut short.",
  'engineError.cleanup.putCutUnlooked':
    'The upload of {key} to {endpoint} was cut off, and its body carried no integrity check (checksum off): the server may have stored a partial copy of the file there, replacing what the key held, and the key could not be looked at ({detail}). Check that key, upload the file again, or set the endpoint\'s checksum mode to "auto" (--checksum auto) so that the server refuses a body cut short.',
  'engineError.cleanup.putUnlooked':
    'The upload of {key} to {endpoint} was stopped after its whole body had been sent, and the key could not be looked at ({detail}): the server may have stored the file there, replacing what the key held. Check that key.',
  'engineError.cleanup.putLostUnsure':
    'A body of this upload reached {endpoint} whole but its answer never came, and {key} now holds an object written since the upload started that Hoist could not confirm to be this file: the server may have stored it. Check that key.',
  'engineError.cleanup.putLostUnlooked':
    'A body of this upload reached {endpoint} whole but its answer never came, and {key} could not be looked at ({detail}): the server may have stored the file there. Check that key.',
  'engineError.resume.elsewhere':
    'The interrupted upload of {file} was started on {recorded}, and {endpoint} does not have it. It was not started over there: the upload may still be on {recorded}. Resume it there (without --endpoint-url, or with the URL it was started on), or discard it there; the journal keeps it until then.',
  'engineError.listingCancelled': 'Cancelled while the files were being listed.',
  // What the walk and the plan did not add (plan/walk-messages.ts, plan/upload-plan.ts, plan/keys.ts).
  'engineError.skip.symlink': '{path} is a symbolic link; links inside a folder are not followed.',
  'engineError.skip.loopBack': '{path} leads back to {real}, a folder it is inside (a loop), so it was skipped.',
  'engineError.skip.repeat': '{path} points to {real}, which another link already brought in, so it was skipped.',
  'engineError.skip.selfLoop': '{path} is a symbolic link that leads back to itself (a loop), so it was skipped.',
  'engineError.skip.broken': '{path} is a symbolic link to something that does not exist, so it was skipped.',
  'engineError.skip.outside':
    '{path} points outside the folder (to {target}); links are followed only inside it, so it was skipped.',
  'engineError.skip.fifo': '{path} is a FIFO (named pipe), not a regular file, so it was skipped.',
  'engineError.skip.socket': '{path} is a socket, not a regular file, so it was skipped.',
  'engineError.skip.device': '{path} is a device, not a regular file, so it was skipped.',
  'engineError.walk.notAFile': '{path} is not a regular file or folder; only files and folders can be uploaded.',
  'engineError.walk.tooManyFiles':
    '{path} holds more than {cap} files; Hoist lists at most {cap} at once, so nothing from it was added. Add its subfolders one by one.',
  'engineError.walk.forbidden':
    "{path} is inside {root}, a folder Hoist never uploads from (it holds Hoist's own data or credentials); it was not added.",
  'engineError.walk.missing': '{path} does not exist. Check the path.',
  'engineError.walk.unreadable': '{path} cannot be read (permission denied). Fix its permissions and upload it again.',
  'engineError.walk.loop': '{path} is a symbolic link loop; it was skipped.',
  'engineError.walk.error': '{path} cannot be read ({detail}).',
  'engineError.plan.duplicateKey':
    '{path} and {other} would both be uploaded as "{key}", one replacing the other. Rename one of them, or add them separately.',
  'engineError.key.tooLong':
    'The key for {file} is {bytes} bytes; S3 allows at most 1,024. Use a shorter prefix or file name.',
  'engineError.key.empty': "The key for {file} is empty. Give a prefix ending in '/' or a key name.",
  'engineError.key.control':
    '{file} cannot be uploaded: its key would hold a control character (U+{char}), which S3 listings and terminals mishandle. Rename it and upload it again.',
  'engineError.key.dotPart':
    '{file} cannot be uploaded: its key "{key}" would have a "{part}" part, which download tools turn into a path outside their folder. Rename it and upload it again.',
  'engineError.key.backslashDotPart':
    '{file} cannot be uploaded: its key "{key}" would have a "{part}" part once "\\" is read as a folder separator, as Windows tools do, which download tools turn into a path outside their folder. Rename it and upload it again.',
  'engineError.prefix.dotPart':
    'The prefix "{prefix}" has a "{part}" part; S3 keys must not. Give a prefix without it.',
  'engineError.prefix.backslashDotPart':
    'The prefix "{prefix}" has a "{part}" part once "\\" is read as a folder separator, as Windows tools do; S3 keys must not. Give a prefix without it.',
  'engineError.prefix.control':
    'The prefix "{prefix}" has a control character (U+{char}); S3 keys must not. Give a prefix without it.',
  'engineError.partSize.small': "Part size {size} MiB is below S3's minimum of 5 MiB. Use --part-size 5MiB or more.",
  'engineError.partSize.large': "Part size {size} MiB is above S3's maximum of 5 GiB. Use a smaller part size.",
  'engineError.fileTooLarge':
    '{file} is {size} GiB, more than S3 can store as one object (10,000 parts of 5 GiB). Split the file before uploading.',
  'engineError.noBucket': 'No bucket given. Name the bucket to upload to.',
  // Test connection (s3/connection-check.ts).
  'engineError.check.ok': 'Connected to {endpoint}; bucket "{bucket}" is reachable.',
  'engineError.check.credentials': '{endpoint} rejected the credentials ({code}). Check the access key ID and secret.',
  'engineError.check.bucketMissing': 'Bucket "{bucket}" does not exist at {endpoint}. Check the name, or create it.',
  'engineError.check.accessDenied':
    'Access to bucket "{bucket}" at {endpoint} was denied. Check the credentials and the bucket policy.',
  'engineError.check.unreachable': 'Cannot reach {endpoint} ({code}). Check the URL, the port and your network.',
  'engineError.check.tls':
    'TLS failed with {endpoint} ({code}). Check the certificate, or use http:// for a local server.',
  'engineError.check.other': '{endpoint} answered {code}: {detail}',
  'engineError.check.otherStatus': '{endpoint} answered {code} (HTTP {status}): {detail}',
  'engineError.check.otherUnnamed': '{endpoint} answered an error: {detail}',
  'engineError.check.otherUnnamedStatus': '{endpoint} answered an error (HTTP {status}): {detail}',
  // For files the lead converts (job/put-single.ts, job/file-job.ts, job/upload-calls.ts, s3/s3-client.ts,
  // s3/incomplete-uploads.ts): the same English words they build today.
  'engineError.changedNotRemoved.noHandle':
    '{file} changed while it was uploading (its size or modification time differs), and the object Hoist had just written to "{key}" on {endpoint} could not be removed safely: the server named neither a version ID nor an ETag for it, so nothing could tell it apart from another object under that key. Check that key and delete the object if it is Hoist\'s, then retry to upload the new version.',
  'engineError.changedNotRemoved.otherObject':
    '{file} changed while it was uploading (its size or modification time differs), and the object Hoist had just written to "{key}" on {endpoint} could not be removed safely: the key already holds another object (someone wrote it after Hoist did), which was left alone. Check that key and delete the object if it is Hoist\'s, then retry to upload the new version.',
  'engineError.changedNotRemoved.conditionRefused':
    '{file} changed while it was uploading (its size or modification time differs), and the object Hoist had just written to "{key}" on {endpoint} could not be removed safely: the server refused a conditional delete (If-Match: {code}), and a plain delete could remove an object someone else wrote meanwhile. Check that key and delete the object if it is Hoist\'s, then retry to upload the new version.',
  'engineError.changedNotRemoved.deleteFailed':
    '{file} changed while it was uploading (its size or modification time differs), and the object Hoist had just written to "{key}" on {endpoint} could not be removed safely: DeleteObject failed ({code}). Check that key and delete the object if it is Hoist\'s, then retry to upload the new version.',
  'engineError.changedNotRemoved.deleteFailedStatus':
    '{file} changed while it was uploading (its size or modification time differs), and the object Hoist had just written to "{key}" on {endpoint} could not be removed safely: DeleteObject failed ({code}, HTTP {status}). Check that key and delete the object if it is Hoist\'s, then retry to upload the new version.',
  'engineError.changedSinceInterrupted':
    '{file} changed since its upload was interrupted, so the upload cannot continue. Its partial upload is discarded; retry to upload the new version from the start.',
  'engineError.notRegularFile': '{file} is not a regular file.',
  'engineError.NoUploadId': '{endpoint} did not return an UploadId for {key}.',
  'engineError.newerObject':
    '{key} on {endpoint} holds an object written at {when}, after this upload of {file} began: completing it would put the older file back over that object. The upload is discarded; upload the file again if it should replace that object.',
  'engineError.journalWrite':
    'Hoist could not record how far the upload of {file} has got in {dir} ({detail}), so it stopped the upload: without that record it could not be resumed after a crash. Free disk space or fix that folder, then retry.',
  'engineError.endpoint.invalid':
    'Endpoint URL "{url}" is not a valid URL. Use a form like https://s3.example.com or http://127.0.0.1:9000.',
  'engineError.endpoint.userinfo':
    'Endpoint URL {url} holds a user name or password ("user:password@"), which S3 never uses: requests are signed with an access key and secret, given apart from the URL. Give the URL without it.',
  'engineError.endpoint.scheme': 'Endpoint URL "{url}" must start with http:// or https://.',
  'engineError.endpoint.noHost': 'Endpoint URL "{url}" has no host name.',
  'engineError.caBundle.unreadable':
    'The CA bundle {path} cannot be read ({code}). Give the path of a PEM file of the certificates to trust.',
  'engineError.caBundle.noPem':
    'The CA bundle {path} holds no PEM certificate ("-----BEGIN CERTIFICATE-----"). Give a PEM file of the certificates to trust.',
  'engineError.listing.noNextPage':
    'The server said its list of the incomplete uploads in bucket "{bucket}" goes on, but not where the next page starts (after {count}). Try again.',
  'engineError.listing.unverifiedEmpty':
    'The server listed no incomplete uploads under "{prefix}" in bucket "{bucket}", and listing the whole bucket to make sure failed ({detail}), so Hoist cannot tell whether there are any. Try again; the credentials may need s3:ListBucketMultipartUploads on the whole bucket.',
  // A value of an upload option the server refused (s3/option-refusals.ts): the option, where, and what to do.
  'engineError.option.storageClass':
    '{endpoint} refused storage class {storageClass} for {key} in bucket "{bucket}" ({code}). Choose a storage class this server offers (--storage-class), or leave it unset for the server\'s default.',
  'engineError.option.tags':
    '{endpoint} refused the tags of {key} in bucket "{bucket}" ({code}: "{said}"). Check the tags (--tag: at most 10, keys up to 128 and values up to 256 characters), or leave them out.',
  'engineError.option.acl':
    'Bucket "{bucket}" at {endpoint} does not accept the ACL {acl} for {key} ({code}). Leave the ACL unset (no --acl): the bucket\'s own ownership settings then decide who may read the object.',
  'engineError.option.encryption':
    '{endpoint} refused encryption {sse} for {key} in bucket "{bucket}" ({code}: "{said}"). Check the KMS key ID and that the credentials may use the key (--sse-kms-key-id), or choose another encryption (--sse).',
  'engineError.option.notImplemented':
    '{endpoint} does not implement an option this upload set for {key} in bucket "{bucket}" ({options}). Leave those options unset for this endpoint.',
  'engineError.option.unsendable':
    "The upload options for {file} cannot be sent as HTTP headers: {problem} Fix the profile's upload options or the drop's Options.",
} as const;

export const engineErrorsJa: Record<keyof typeof engineErrorsEn, string> = {
  'engineError.NoSuchBucket':
    'バケット "{bucket}" は {endpoint} にありません。バケット名を確認するか、先にバケットを作成してください。',
  'engineError.InvalidBucketName':
    '"{bucket}" は {endpoint} で有効なバケット名ではありません。バケット名は英小文字・数字・ドット・ハイフンからなる 3〜63 文字で、英小文字か数字で始まり、英小文字か数字で終わる必要があります。バケット名を確認してください。',
  'engineError.AccessDenied':
    '{endpoint} のバケット "{bucket}" への {key} の書き込みが拒否されました。認証情報に s3:PutObject の権限があるか確認してください。',
  'engineError.AccessDenied.bare':
    '{endpoint} のバケット "{bucket}" への {key} の書き込みが拒否されました（HTTP 403、詳細なし）。認証情報とバケットポリシーを確認してください。',
  'engineError.InvalidAccessKeyId':
    'アクセスキー ID が {endpoint} に登録されていません。認証情報（AWS_ACCESS_KEY_ID またはプロファイル）を確認してください。',
  'engineError.InvalidAccessKeyId.named':
    'アクセスキー ID "{accessKeyId}" は {endpoint} に登録されていません。認証情報（AWS_ACCESS_KEY_ID またはプロファイル）を確認してください。',
  'engineError.InvalidAccessKeyId.answered':
    'アクセスキー ID が {endpoint} に登録されていません（応答：{code}）。認証情報（AWS_ACCESS_KEY_ID またはプロファイル）を確認してください。',
  'engineError.InvalidAccessKeyId.answeredStatus':
    'アクセスキー ID が {endpoint} に登録されていません（応答：{code}、HTTP {status}）。認証情報（AWS_ACCESS_KEY_ID またはプロファイル）を確認してください。',
  'engineError.InvalidAccessKeyId.named.answered':
    'アクセスキー ID "{accessKeyId}" は {endpoint} に登録されていません（応答：{code}）。認証情報（AWS_ACCESS_KEY_ID またはプロファイル）を確認してください。',
  'engineError.InvalidAccessKeyId.named.answeredStatus':
    'アクセスキー ID "{accessKeyId}" は {endpoint} に登録されていません（応答：{code}、HTTP {status}）。認証情報（AWS_ACCESS_KEY_ID またはプロファイル）を確認してください。',
  'engineError.SignatureDoesNotMatch':
    '{endpoint} がリクエストの署名を拒否しました。シークレットアクセスキーとリージョンを確認してください。',
  'engineError.ExpiredToken':
    '{endpoint} がセッショントークンを拒否しました（{code}）。新しい認証情報（AWS_SESSION_TOKEN またはプロファイル）を取得してください。',
  'engineError.NoCredentials':
    '{endpoint} 用の AWS 認証情報が見つかりません。AWS_ACCESS_KEY_ID と AWS_SECRET_ACCESS_KEY、または AWS_PROFILE を設定してください。',
  'engineError.PermanentRedirect':
    '{endpoint} のバケット "{bucket}" は別のリージョンにあります。バケットのあるリージョンを設定してください。',
  'engineError.EntityTooLarge': '{file} は {endpoint} に 1 回のリクエストで送るには大きすぎます。',
  'engineError.NoSuchUpload':
    '{key} のマルチパートアップロードは {endpoint} に存在しなくなりました（中止されたか、期限切れです）。',
  'engineError.NotImplemented':
    '{endpoint} は Hoist が使った機能（多くの場合 CRC32 チェックサムヘッダー）に対応していません。エンドポイントのチェックサム方式を "auto" か "md5"（--checksum md5）にしてください。サーバーはこれらをその機能なしで検証できます。',
  'engineError.NotFound.bare':
    '{endpoint} がバケット "{bucket}" について詳細なしの HTTP 404 を返しました。バケット名とエンドポイント URL を確認してください。',
  'engineError.answered.bare':
    '{endpoint} がバケット "{bucket}" の {key} について詳細なしの HTTP {status} を返しました。',
  'engineError.answered.code':
    '{endpoint} がバケット "{bucket}" の {key} について {code}（HTTP {status}）を返しました。',
  'engineError.answered.said':
    '{endpoint} がバケット "{bucket}" の {key} について {code}（HTTP {status}）を返しました（"{said}"）。',
  'engineError.todo.403': '認証情報と、その認証情報に許可されている操作を確認してください。',
  'engineError.todo.404': 'エンドポイント URL、バケット名、認証情報を確認してください。',
  'engineError.todo.other':
    'Hoist はこの応答の意味を知りません。サーバーのドキュメントやログに詳しい情報があるかもしれません。',
  'engineError.NotS3Endpoint':
    '{endpoint} は S3 サーバーではないようです。S3 のエラーコードを含まない応答を HTTP {status} で返しました。エンドポイント URL を確認してください。S3 API のアドレスである必要があります。',
  'engineError.TlsUntrusted':
    '{endpoint} が、このコンピューターが信頼していない TLS 証明書を提示しました（{code}）。その CA 証明書を信頼するよう設定してください — hoist：--ca-bundle FILE または AWS_CA_BUNDLE、アプリ：プロファイルの CA 証明書。',
  'engineError.TlsExpired':
    '{endpoint} の TLS 証明書の有効期限が切れています（{code}）。サーバー側で更新するか、このコンピューターの時計を確認してください。',
  'engineError.TlsNotYetValid':
    '{endpoint} の TLS 証明書はまだ有効になっていません（{code}）。このコンピューターの時計と証明書の有効期間を確認してください。',
  'engineError.TlsHostMismatch':
    '{endpoint} の TLS 証明書はこのホスト名用ではありません（{code}）。証明書に記載されたホスト名をエンドポイント URL に使うか、証明書を修正してください。',
  'engineError.TlsHostMismatch.detail':
    '{endpoint} の TLS 証明書はこのホスト名用ではありません（{code}：{detail}）。証明書に記載されたホスト名をエンドポイント URL に使うか、証明書を修正してください。',
  'engineError.TlsError':
    '{endpoint} との TLS 接続に失敗しました（{code}）。エンドポイントの証明書を確認するか、ローカルサーバーなら http:// を使ってください。',
  'engineError.Aborted': 'リクエストは中止されました。',
  'engineError.EndpointUnreachable':
    '{endpoint} に接続できません（{code}）。エンドポイント URL とネットワークを確認してください。',
  'engineError.EndpointNeverReached':
    '{endpoint} に接続できません（{code}）。リクエストが一度も成功しなかったため、{seconds} 秒で諦めました。エンドポイント URL と、そこでサーバーが動いているかを確認してください。',
  'engineError.FileMissing': '{file} が見つかりません。元の場所に戻したら、もう一度アップロードしてください。',
  'engineError.FileUnreadable':
    '{file} を読み取れません（アクセス権がありません）。アクセス権を直してから再試行してください。',
  'engineError.FileReadFailed':
    'このコンピューターで {file} を読み取れませんでした（{code}：{detail}）。ファイルとディスクを確認してから再試行してください。',
  'engineError.IsAFolder': '{file} はファイルではなくフォルダーです。',
  'engineError.FileChanged':
    '{file} はアップロード中に変更されました（サイズか更新日時が変わっています）。送った分は残していません。再試行すると新しい内容をアップロードします。',
  'engineError.FileChanged.putRemoved':
    '{file} はアップロード中に変更されました（サイズか更新日時が変わっています）。Hoist は {endpoint} の {key} に書いたばかりのオブジェクトを削除しました。バケットがバージョンを残していない限り、アップロード前にキーにあったオブジェクトはアップロードで置き換わり、もう残っていません。再試行すると新しい内容をアップロードします。',
  'engineError.FileChanged.putVersionRemoved':
    '{file} はアップロード中に変更されました（サイズか更新日時が変わっています）。Hoist は {endpoint} の {key} に書いたばかりのバージョンを削除しました。キーに以前のバージョンがあれば、それが再び最新になっています。再試行すると新しい内容をアップロードします。',
  'engineError.FileChanged.putNotRemoved':
    '{file} はアップロード中に変更され（サイズか更新日時が変わっています）、Hoist が {endpoint} の "{key}" に書いたばかりのオブジェクトを安全に削除できませんでした: {why}。そのキーを確認し、Hoist のものであれば削除してから、再試行して新しい内容をアップロードしてください。',
  'engineError.FileShrank':
    '{file} はアップロード中に変更されました（アップロード開始時より短くなっています）。送った分は残していません。再試行すると新しい内容をアップロードします。',
  'engineError.transient.code': '{endpoint} が {key} について {code} を返しました。再試行で解決する可能性があります。',
  'engineError.transient.broken':
    '{key} の送信中に {endpoint} との接続が切れました（{code}）。再試行で解決する可能性があります。',
  'engineError.transient.timedOut':
    '{endpoint} が {key} について時間内に応答しませんでした（{code}）。再試行で解決する可能性があります。',
  'engineError.transient.broken.bare': '{endpoint} との接続が切れました（{code}）。再試行で解決する可能性があります。',
  'engineError.transient.timedOut.bare':
    '{endpoint} が時間内に応答しませんでした（{code}）。再試行で解決する可能性があります。',
  'engineError.transient.status':
    '{endpoint} が {key} について HTTP {status} を返しました。再試行で解決する可能性があります。',
  'engineError.transient.codeStatus':
    '{endpoint} が {key} について {code}（HTTP {status}）を返しました。再試行で解決する可能性があります。',
  'engineError.transient.notS3':
    '{endpoint} が {key} について S3 のエラーコードなしで HTTP {status} を返しました。再試行で解決する可能性があります。',
  'engineError.connectionFailed': '{endpoint} への接続に失敗しました（{detail}）。再試行します。',
  'engineError.refused': '{endpoint} が {key} を拒否しました：{detail}',
  'engineError.refused.code': '{endpoint} が {key} を拒否しました：{detail}（{code}）',
  'engineError.gaveUpAfterSeconds': '{seconds} 秒で諦めました。',
  'engineError.gaveUpAfterAttempts': '{count} 回試して諦めました。',
  'engineError.gaveUpAfterAttempts.one': '1 回試して諦めました。',
  'engineError.cleanup.unconfirmed':
    '{key} の途中までのアップロードが {endpoint} から削除されたことを確認できませんでした（{detail}）。クリーンアップを再試行するか、バケットにライフサイクルルール AbortIncompleteMultipartUpload を追加してください。',
  'engineError.cleanup.completeUnsettled':
    '{key} の CompleteMultipartUpload に応答がないまま、{endpoint} がそのアップロードを一覧に出さなくなり、{seconds} 秒待ってもオブジェクトが現れません。サーバーがまだ作成中の可能性があります。使う前にそのキーを確認してください。クリーンアップを再試行すると、もう一度確認します。',
  'engineError.cleanup.completeUnlooked':
    '{key} のアップロードは {endpoint} にもうありませんが、その CompleteMultipartUpload がオブジェクトを作った可能性があり、そのキーを確認できませんでした（{detail}）。使う前にそのキーを確認してください。クリーンアップを再試行すると、もう一度確認します。',
  'engineError.cleanup.createUnconfirmed':
    '途中で切れた CreateMultipartUpload が作った {key} のアップロードが {endpoint} から削除されたことを確認できませんでした（{detail}）。クリーンアップを再試行するか、バケットにライフサイクルルール AbortIncompleteMultipartUpload を追加してください。',
  'engineError.cleanup.createUnlisted':
    '{key} の CreateMultipartUpload に {endpoint} から応答がなく、そのアップロードの一覧も取得できなかったため（{detail}）、空のアップロードが残っている可能性があります。クリーンアップを再試行するか、バケットに対して `hoist incomplete ls` を実行してください。',
  'engineError.cleanup.createNotSeen':
    '{key} の CreateMultipartUpload に {endpoint} から応答がなく、サーバーにはまだそのアップロードが一覧に出ていません。サーバーがまだ作成中なら、それが残る可能性があります。再試行してもう一度確認するか、バケットにライフサイクルルール AbortIncompleteMultipartUpload を追加してください。',
  'engineError.cleanup.beforeRetry': '以前のパートが削除されるまで、アップロードは再開しません。',
  'engineError.cleanup.putCutPartial':
    '{endpoint} への {key} のアップロードは途中で切れ、その本文には整合性チェックがありませんでした（checksum off）。サーバーがそこにファイルの一部だけのコピーを保存し、キーにあった内容を置き換えた可能性があります。このキーには現在 {size} バイトのオブジェクトがあり、最終更新はアップロード開始以降（またはその 1 分前以内）ですが、ファイルは {fileSize} バイトです。他の人のものかもしれないため、Hoist は削除しません。そのキーを確認するか、ファイルをもう一度アップロードするか、サーバーが途中で切れた本文を拒否するよう、エンドポイントのチェックサム方式を "auto"（--checksum auto）にしてください。',
  'engineError.cleanup.putCutUnsure':
    '{endpoint} への {key} のアップロードは途中で切れ、その本文には整合性チェックがありませんでした（checksum off）。サーバーがそこにファイルの一部だけのコピーを保存し、キーにあった内容を置き換えた可能性があります。このキーには現在ファイルと同じサイズのオブジェクトがあり、最終更新はアップロード開始以降（またはその 1 分前以内）ですが、Hoist はそれがファイル全体であることを確認できませんでした。他の人のものかもしれないため、Hoist は削除しません。そのキーを確認するか、ファイルをもう一度アップロードするか、サーバーが途中で切れた本文を拒否するよう、エンドポイントのチェックサム方式を "auto"（--checksum auto）にしてください。',
  'engineError.cleanup.putCutUnlooked':
    '{endpoint} への {key} のアップロードは途中で切れ、その本文には整合性チェックがありませんでした（checksum off）。サーバーがそこにファイルの一部だけのコピーを保存し、キーにあった内容を置き換えた可能性がありますが、そのキーを確認できませんでした（{detail}）。そのキーを確認するか、ファイルをもう一度アップロードするか、サーバーが途中で切れた本文を拒否するよう、エンドポイントのチェックサム方式を "auto"（--checksum auto）にしてください。',
  'engineError.cleanup.putUnlooked':
    '{endpoint} への {key} のアップロードは本文をすべて送った後に止められ、そのキーを確認できませんでした（{detail}）。サーバーがそこにファイルを保存し、キーにあった内容を置き換えた可能性があります。そのキーを確認してください。',
  'engineError.cleanup.putLostUnsure':
    'このアップロードの本文は {endpoint} にすべて届きましたが応答がなく、{key} にはアップロード開始以降に書かれたオブジェクトがありますが、Hoist はそれがこのファイルであることを確認できませんでした。サーバーが保存した可能性があります。そのキーを確認してください。',
  'engineError.cleanup.putLostUnlooked':
    'このアップロードの本文は {endpoint} にすべて届きましたが応答がなく、{key} を確認できませんでした（{detail}）。サーバーがそこにファイルを保存した可能性があります。そのキーを確認してください。',
  'engineError.resume.elsewhere':
    '{file} の中断されたアップロードは {recorded} で開始されたもので、{endpoint} にはありません。そこではやり直していません。アップロードはまだ {recorded} にある可能性があります。そこで再開する（--endpoint-url を付けないか、開始したときの URL を付ける）か、そこで破棄してください。それまでジャーナルに残します。',
  'engineError.listingCancelled': 'ファイルの一覧作成中にキャンセルされました。',
  'engineError.skip.symlink': '{path} はシンボリックリンクです。フォルダー内のリンクはたどりません。',
  'engineError.skip.loopBack': '{path} は自分を含むフォルダー {real} に戻るリンク（ループ）のため、スキップしました。',
  'engineError.skip.repeat': '{path} が指す {real} は別のリンクで既に取り込まれているため、スキップしました。',
  'engineError.skip.selfLoop': '{path} は自分自身に戻るシンボリックリンク（ループ）のため、スキップしました。',
  'engineError.skip.broken': '{path} は存在しないものを指すシンボリックリンクのため、スキップしました。',
  'engineError.skip.outside':
    '{path} はフォルダーの外（{target}）を指しています。リンクはフォルダー内でのみたどるため、スキップしました。',
  'engineError.skip.fifo': '{path} は通常のファイルではなく FIFO（名前付きパイプ）のため、スキップしました。',
  'engineError.skip.socket': '{path} は通常のファイルではなくソケットのため、スキップしました。',
  'engineError.skip.device': '{path} は通常のファイルではなくデバイスのため、スキップしました。',
  'engineError.walk.notAFile':
    '{path} は通常のファイルでもフォルダーでもありません。アップロードできるのはファイルとフォルダーだけです。',
  'engineError.walk.tooManyFiles':
    '{path} には {cap} 件を超えるファイルがあります。Hoist が一度に一覧にできるのは {cap} 件までのため、何も追加していません。サブフォルダーを 1 つずつ追加してください。',
  'engineError.walk.forbidden':
    '{path} は {root} の中にあります。ここは Hoist 自身のデータや認証情報を置くフォルダーで、アップロード元にはしないため、追加していません。',
  'engineError.walk.missing': '{path} は存在しません。パスを確認してください。',
  'engineError.walk.unreadable':
    '{path} を読み取れません（アクセス権がありません）。アクセス権を直してから、もう一度アップロードしてください。',
  'engineError.walk.loop': '{path} はシンボリックリンクのループのため、スキップしました。',
  'engineError.walk.error': '{path} を読み取れません（{detail}）。',
  'engineError.plan.duplicateKey':
    '{path} と {other} はどちらも "{key}" としてアップロードされ、一方がもう一方を上書きします。どちらかの名前を変えるか、別々に追加してください。',
  'engineError.key.tooLong':
    '{file} のキーは {bytes} バイトですが、S3 で使えるのは 1,024 バイトまでです。短いプレフィックスかファイル名にしてください。',
  'engineError.key.empty': "{file} のキーが空です。'/' で終わるプレフィックスか、キー名を指定してください。",
  'engineError.key.control':
    '{file} はアップロードできません。キーに制御文字（U+{char}）が含まれ、S3 の一覧やターミナルで正しく扱われません。名前を変えてから、もう一度アップロードしてください。',
  'engineError.key.dotPart':
    '{file} はアップロードできません。キー "{key}" に "{part}" という部分が含まれ、ダウンロードツールがフォルダーの外のパスにしてしまいます。名前を変えてから、もう一度アップロードしてください。',
  'engineError.key.backslashDotPart':
    '{file} はアップロードできません。キー "{key}" は、Windows のツールのように "\\" をフォルダーの区切りと読むと "{part}" という部分を含み、ダウンロードツールがフォルダーの外のパスにしてしまいます。名前を変えてから、もう一度アップロードしてください。',
  'engineError.prefix.dotPart':
    'プレフィックス "{prefix}" に "{part}" という部分があります。S3 のキーには使えません。含まないプレフィックスを指定してください。',
  'engineError.prefix.backslashDotPart':
    'プレフィックス "{prefix}" は、Windows のツールのように "\\" をフォルダーの区切りと読むと "{part}" という部分を含みます。S3 のキーには使えません。含まないプレフィックスを指定してください。',
  'engineError.prefix.control':
    'プレフィックス "{prefix}" に制御文字（U+{char}）があります。S3 のキーには使えません。含まないプレフィックスを指定してください。',
  'engineError.partSize.small':
    'パートサイズ {size} MiB は S3 の最小値 5 MiB 未満です。--part-size 5MiB 以上を指定してください。',
  'engineError.partSize.large':
    'パートサイズ {size} MiB は S3 の最大値 5 GiB を超えています。小さいパートサイズにしてください。',
  'engineError.fileTooLarge':
    '{file} は {size} GiB あり、S3 が 1 つのオブジェクトとして保存できるサイズ（5 GiB のパート 10,000 個）を超えています。アップロードする前にファイルを分割してください。',
  'engineError.noBucket': 'バケットが指定されていません。アップロード先のバケットを指定してください。',
  'engineError.check.ok': '{endpoint} に接続しました。バケット "{bucket}" にアクセスできます。',
  'engineError.check.credentials':
    '{endpoint} が認証情報を拒否しました（{code}）。アクセスキー ID とシークレットを確認してください。',
  'engineError.check.bucketMissing':
    'バケット "{bucket}" は {endpoint} にありません。名前を確認するか、バケットを作成してください。',
  'engineError.check.accessDenied':
    '{endpoint} のバケット "{bucket}" へのアクセスが拒否されました。認証情報とバケットポリシーを確認してください。',
  'engineError.check.unreachable':
    '{endpoint} に接続できません（{code}）。URL、ポート、ネットワークを確認してください。',
  'engineError.check.tls':
    '{endpoint} との TLS 接続に失敗しました（{code}）。証明書を確認するか、ローカルサーバーなら http:// を使ってください。',
  'engineError.check.other': '{endpoint} が {code} を返しました：{detail}',
  'engineError.check.otherStatus': '{endpoint} が {code}（HTTP {status}）を返しました：{detail}',
  'engineError.check.otherUnnamed': '{endpoint} がエラーを返しました：{detail}',
  'engineError.check.otherUnnamedStatus': '{endpoint} がエラー（HTTP {status}）を返しました：{detail}',
  'engineError.changedNotRemoved.noHandle':
    '{file} はアップロード中に変更されました（サイズか更新日時が変わっています）。Hoist が {endpoint} の "{key}" に書き込んだばかりのオブジェクトは、安全に削除できませんでした。サーバーがバージョン ID も ETag も返さなかったため、そのキーの別のオブジェクトと区別できません。そのキーを確認し、Hoist が書いたものなら削除してから、再試行して新しい内容をアップロードしてください。',
  'engineError.changedNotRemoved.otherObject':
    '{file} はアップロード中に変更されました（サイズか更新日時が変わっています）。Hoist が {endpoint} の "{key}" に書き込んだばかりのオブジェクトは、安全に削除できませんでした。そのキーには既に別のオブジェクト（Hoist の後に誰かが書いたもの）があり、そのままにしています。そのキーを確認し、Hoist が書いたものなら削除してから、再試行して新しい内容をアップロードしてください。',
  'engineError.changedNotRemoved.conditionRefused':
    '{file} はアップロード中に変更されました（サイズか更新日時が変わっています）。Hoist が {endpoint} の "{key}" に書き込んだばかりのオブジェクトは、安全に削除できませんでした。サーバーが条件付き削除（If-Match：{code}）を拒否し、条件なしの削除では、その間に他の人が書いたオブジェクトを消すおそれがあります。そのキーを確認し、Hoist が書いたものなら削除してから、再試行して新しい内容をアップロードしてください。',
  'engineError.changedNotRemoved.deleteFailed':
    '{file} はアップロード中に変更されました（サイズか更新日時が変わっています）。Hoist が {endpoint} の "{key}" に書き込んだばかりのオブジェクトは、安全に削除できませんでした。DeleteObject に失敗しました（{code}）。そのキーを確認し、Hoist が書いたものなら削除してから、再試行して新しい内容をアップロードしてください。',
  'engineError.changedNotRemoved.deleteFailedStatus':
    '{file} はアップロード中に変更されました（サイズか更新日時が変わっています）。Hoist が {endpoint} の "{key}" に書き込んだばかりのオブジェクトは、安全に削除できませんでした。DeleteObject に失敗しました（{code}、HTTP {status}）。そのキーを確認し、Hoist が書いたものなら削除してから、再試行して新しい内容をアップロードしてください。',
  'engineError.changedSinceInterrupted':
    '{file} はアップロードが中断されてから変更されたため、続きをアップロードできません。途中までのアップロードは破棄します。再試行すると新しい内容を最初からアップロードします。',
  'engineError.notRegularFile': '{file} は通常のファイルではありません。',
  'engineError.NoUploadId': '{endpoint} が {key} の UploadId を返しませんでした。',
  'engineError.newerObject':
    '{endpoint} の {key} には、この {file} のアップロードを始めた後の {when} に書き込まれたオブジェクトがあります。完了すると、そのオブジェクトを古いファイルで上書きしてしまいます。このアップロードは破棄します。そのオブジェクトを置き換えるべきなら、ファイルをもう一度アップロードしてください。',
  'engineError.journalWrite':
    '{file} のアップロードの進み具合を {dir} に記録できなかったため（{detail}）、アップロードを止めました。記録がないと、クラッシュ後に再開できません。ディスクの空きを増やすかそのフォルダーを直してから、再試行してください。',
  'engineError.endpoint.invalid':
    'エンドポイント URL "{url}" は正しい URL ではありません。https://s3.example.com や http://127.0.0.1:9000 のような形で指定してください。',
  'engineError.endpoint.userinfo':
    'エンドポイント URL {url} にユーザー名かパスワード（"user:password@"）が含まれていますが、S3 はこれを使いません。リクエストは URL とは別に指定するアクセスキーとシークレットで署名されます。含めずに URL を指定してください。',
  'engineError.endpoint.scheme': 'エンドポイント URL "{url}" は http:// か https:// で始める必要があります。',
  'engineError.endpoint.noHost': 'エンドポイント URL "{url}" にホスト名がありません。',
  'engineError.caBundle.unreadable':
    'CA バンドル {path} を読み取れません（{code}）。信頼する証明書の PEM ファイルのパスを指定してください。',
  'engineError.caBundle.noPem':
    'CA バンドル {path} に PEM 証明書（"-----BEGIN CERTIFICATE-----"）がありません。信頼する証明書の PEM ファイルを指定してください。',
  'engineError.listing.noNextPage':
    'サーバーはバケット "{bucket}" の未完了アップロードの一覧に続きがあると答えましたが、次のページの開始位置を示しませんでした（{count} 件の後）。もう一度試してください。',
  'engineError.listing.unverifiedEmpty':
    'サーバーはバケット "{bucket}" の "{prefix}" 以下に未完了アップロードがないと答えましたが、確認のためのバケット全体の一覧取得に失敗したため（{detail}）、あるかどうか判断できません。もう一度試してください。認証情報にバケット全体に対する s3:ListBucketMultipartUploads の権限が必要な場合があります。',
  'engineError.option.storageClass':
    '{endpoint} はバケット "{bucket}" の {key} にストレージクラス {storageClass} を使うことを拒否しました（{code}）。このサーバーが提供するストレージクラスを選ぶか（--storage-class）、指定せずにサーバーの既定に任せてください。',
  'engineError.option.tags':
    '{endpoint} はバケット "{bucket}" の {key} のタグを拒否しました（{code}：「{said}」）。タグを確認するか（--tag：10 個まで、キーは 128 文字、値は 256 文字まで）、タグを外してください。',
  'engineError.option.acl':
    '{endpoint} のバケット "{bucket}" は {key} の ACL {acl} を受け付けません（{code}）。ACL を指定しないでください（--acl なし）。読み取りできる人はバケットの所有権設定で決まります。',
  'engineError.option.encryption':
    '{endpoint} はバケット "{bucket}" の {key} の暗号化 {sse} を拒否しました（{code}：「{said}」）。KMS キー ID と、認証情報にそのキーを使う権限があるかを確認するか（--sse-kms-key-id）、別の暗号化を選んでください（--sse）。',
  'engineError.option.notImplemented':
    '{endpoint} は、このアップロードがバケット "{bucket}" の {key} に指定したオプション（{options}）に対応していません。このエンドポイントではそれらのオプションを指定しないでください。',
  'engineError.option.unsendable':
    '{file} のアップロードオプションは HTTP ヘッダーとして送れません：{problem} プロファイルのアップロードオプションか、ドロップの「オプション」を直してください。',
};
