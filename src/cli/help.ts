// Help texts. Kept apart from the code so they read as the documentation they are.
import { version } from './version';

export const CP_SUMMARY = 'Upload files and folders to s3://bucket/prefix/';

export const CP_HELP = `Usage: hoist cp <file|dir>... s3://bucket[/prefix/] [options]

Uploads files and folders to Amazon S3 or an S3-compatible server. Folders go
recursively, and their keys keep the folder's name and relative paths. Files of
8 MiB or more go as multipart uploads. Symbolic links, FIFOs and sockets inside
a folder are skipped, each named once.

Target:
  s3://bucket/prefix/   keys are the prefix plus the file names: prefix/a.jpg,
                        prefix/album/b.jpg for a file in the folder "album"
  s3://bucket           the bucket's root
  s3://bucket/name      the exact key "name" (one file); with several files or
                        a folder it is treated as the prefix "name/"

Options:
  --endpoint-url URL    S3-compatible server, e.g. http://127.0.0.1:9000
                        (default: AWS S3 for the region)
  --region R            default: $AWS_REGION, else $AWS_DEFAULT_REGION,
                        else us-east-1
  --path-style          put the bucket in the URL path (http://host/bucket/key).
                        On by default when --endpoint-url is given, since most
                        S3-compatible servers need it; --no-path-style turns it off.
  --part-size SIZE      multipart part size, 5MiB to 5GiB (default 8MiB); raised
                        automatically so that no file needs more than 10,000 parts.
                        Units are powers of 1024: 8MiB = 8MB = 8388608.
  --concurrency N       parts in flight per file (default 4)
  --files N             files uploading in parallel (default 3)
  --speed-limit RATE    upload at most this many bytes a second, all files
                        together, e.g. 20MiB/s or 500KiB (default: no limit)
  --wait-network        wait as long as the endpoint stays unreachable (a lost
                        network), trying again every few seconds; without it,
                        a file fails after 20 s of no answer, or after 3 s
                        while the endpoint has not answered once in this run
                        (a wrong URL, a server that is not running)
  --state-dir DIR       where the journal of unfinished multipart uploads is
                        kept, so that \`hoist resume\` can continue them after a
                        crash or a kill (default: see \`hoist resume --help\`)
  --ca-bundle FILE      trust the certificates in this PEM file for https
                        instead of the system's (a private CA); default
                        $AWS_CA_BUNDLE
  --profile NAME        use a named profile of ~/.aws/config and
                        ~/.aws/credentials (access keys, credential_process,
                        role_arn, SSO); default $AWS_PROFILE. Its region
                        applies unless --region or $AWS_REGION is set. An SSO
                        profile signs in first: hoist login --profile NAME
  --checksum MODE       the check the server verifies each part and file by,
                        so that it refuses a body that arrived cut short.
                        auto: CRC32 (x-amz-checksum-crc32), or Content-MD5 for
                        a server that refuses CRC32; crc32; md5; off: none.
                        Default auto.
  --data-path PATH      how the files' bytes are sent: lean (default) signs
                        each PutObject and UploadPart with the AWS SDK's
                        signer and sends it itself, at much less CPU per
                        request; sdk sends them through the AWS SDK, a
                        fallback for a server the lean path does not suit
  --follow-symlinks     follow links inside a folder whose targets are inside
                        it too (a link out of it, or a loop, is still skipped)
  --skip-unchanged      don't send a file whose object at its key is already
                        the same: same size, and the same CRC32 checksum or an
                        ETag that is its MD5 (multipart: with the part size
                        Hoist would use). A HEAD per file (a listing first for
                        many), then a read of the files whose size matches;
                        each such file is reported "up to date"
  --exclude PATTERN     leave out the files this glob matches (repeatable), on
                        top of .DS_Store, Thumbs.db and desktop.ini. Without a
                        "/" it matches a name at any depth ("*.tmp",
                        "node_modules"); with one, the path inside the folder
                        ("build/**", "/notes.txt"); "cache/" is such a folder
                        at any depth. A file named on the command line counts.
  --include PATTERN     send the files this glob matches even when an exclude
                        pattern matches them (repeatable), e.g. --include
                        .DS_Store
  --json                one JSON object per line on stdout: "progress" lines,
                        then one "done", "failed" or "cancelled" line per file;
                        a "skipped" line for each entry left out, "excluded"
                        for each file an exclude pattern left out, and
                        "up-to-date" for each file --skip-unchanged did not send
  --debug               print stack traces for unexpected errors
  -h, --help            show this help

Object options (what each object gets besides its bytes):
  --content-type auto|TYPE
                        auto (default): from each file's extension (the mime
                        package's table); TYPE: this one for every file,
                        e.g. "text/plain; charset=utf-8"
  --no-guess-mime-type  send no Content-Type (the server's default)
  --cache-control VALUE Cache-Control, e.g. "max-age=3600"
  --content-disposition VALUE
                        Content-Disposition, e.g. attachment
  --metadata KEY=VALUE  user metadata (x-amz-meta-KEY), repeatable; S3 keeps
                        keys in lower case, 2 KB in all
  --tag KEY=VALUE       an object tag, repeatable (at most 10)
  --storage-class CLASS STANDARD, STANDARD_IA, ONEZONE_IA, INTELLIGENT_TIERING,
                        GLACIER_IR, GLACIER, DEEP_ARCHIVE or REDUCED_REDUNDANCY
                        (default: the server's)
  --sse AES256|aws:kms  server-side encryption (default: the bucket's)
  --sse-kms-key-id ID   the KMS key for --sse aws:kms (key ID, ARN or alias/NAME)
  --acl ACL             private, public-read or bucket-owner-full-control
                        (default: none sent)
A multipart upload sets them on CreateMultipartUpload. The journal records
them, and hoist resume sets the same.

Credentials come from the standard AWS chain: AWS_ACCESS_KEY_ID and
AWS_SECRET_ACCESS_KEY, AWS_PROFILE (or --profile), ~/.aws/credentials and
~/.aws/config. HTTPS_PROXY, HTTP_PROXY and NO_PROXY (or lower case) name the
proxy for https and http requests (CONNECT for https) and the hosts that bypass
it.

Ctrl-C (or SIGTERM) cancels every upload, removes the partial uploads from the
server and checks that they are gone, then exits with 130 (129 when the
terminal closed, SIGHUP). A second Ctrl-C quits at once, without waiting for
the cleanup.

Exit status: 0 every file arrived; 1 a file failed or was refused, or there
was nothing to upload; 2 usage error; 130 interrupted.
`;

const STATE_DIR_DEFAULT = `$XDG_STATE_HOME/hoist, else ~/.local/state/hoist
                        (macOS: ~/Library/Application Support/hoist/state;
                        Windows: %LOCALAPPDATA%\\hoist\\state)`;

export const RESUME_SUMMARY = 'Continue interrupted uploads (after a crash, a kill or a paused resume)';

export const RESUME_HELP = `Usage: hoist resume [options]

Continues every multipart upload in the journal that did not finish: hoist cp
was killed, the machine went down, or a resume was paused with Ctrl-C. For each
one, the server is asked which parts it holds (ListParts). A listed part is
kept when Hoist saw the server accept it, or when its ETag matches the file's
bytes for that range; a part that was in flight at the kill and cannot be
vouched for is sent again, like the missing ones. Then the upload is completed.

Each upload keeps what hoist cp gave it: its object options (content type,
metadata, tags, storage class, encryption, ACL), --concurrency and
--speed-limit.

A file that changed since its upload began (size or modification time) is not
resumed: it is reported as failed (FileChanged), and its partial upload is
removed from the server, verified. Upload it again with hoist cp.

A file whose multipart upload was still being created when hoist died has no
upload ID in the journal, only the time its CreateMultipartUpload went out. Its
key's uploads initiated about then are removed, verified, and a line says so;
the file itself was not sent, so upload it again with hoist cp. Where that
cannot be told yet (the server could still make one, for up to three minutes
after the create) or at all, the record is kept for the next resume and the
exit code is 1.

Options:
  --state-dir DIR       the journal to read: the one hoist cp wrote. Default:
                        ${STATE_DIR_DEFAULT}
  --endpoint-url URL    send to this server instead of the one each upload was
                        started against (the server moved, or was reached
                        through a proxy that is gone). Refused (exit 2, nothing
                        sent) when the uploads were started on different
                        endpoints: an upload only exists on its own server
  --from-endpoint URL   with --endpoint-url: move only the uploads started on
                        URL; the others stay in the journal, for another run
  --region R            use this region instead of each upload's own
  --path-style          path-style addressing; --no-path-style turns it off.
                        Default: each upload's own setting
  --ca-bundle FILE      as for hoist cp (default $AWS_CA_BUNDLE)
  --data-path PATH      lean (default) or sdk, as for hoist cp
  --speed-limit RATE    upload at most this many bytes a second, e.g. 20MiB/s
                        (default: the limit hoist cp ran with, if any)
  --wait-network        as for hoist cp: wait as long as the endpoint stays
                        unreachable, instead of giving up after 20 s (3 s for
                        an --endpoint-url that has not answered once)
  --profile NAME        as for hoist cp (default $AWS_PROFILE)
  --json                one JSON object per line on stdout: "progress" lines,
                        then one "done", "failed" or "paused" line per file.
                        "done" carries bytesSent: the bytes this run sent.
  --debug               print stack traces for unexpected errors
  -h, --help            show this help

Credentials come from the standard AWS chain (or --profile), as for hoist cp;
the journal never holds any.

Ctrl-C (or SIGTERM) PAUSES: the parts in flight are stopped, but the upload and
its finished parts stay on the server and in the journal, so that the next
hoist resume goes on from there. It exits with 130 (129 on SIGHUP). A second
Ctrl-C quits at once; nothing more is lost than a kill would lose.
To throw an interrupted upload away instead, use hoist incomplete abort.

Exit status: 0 every upload this run took completed (--from-endpoint leaves
the others in the journal), or there was nothing to resume; 1 an upload
failed; 2 usage error, a journal folder that cannot be read, or --endpoint-url
over uploads started on different endpoints; 130 paused.
`;

export const INCOMPLETE_SUMMARY = 'List or abort the unfinished multipart uploads in a bucket';

export const INCOMPLETE_HELP = `Usage: hoist incomplete ls s3://bucket[/prefix] [options]
       hoist incomplete abort s3://bucket[/prefix] (--all | --older-than AGE | --upload-id ID) [options]

A multipart upload that was never completed nor aborted keeps its parts on the
server, billed as storage, and invisible to a plain listing. These commands
find them, whoever started them; with no prefix they cover the whole bucket.

ls      one line per upload: key, when it started, parts and bytes so far,
        whether Hoist started it from this machine (it is in the journal, so
        \`hoist resume\` can finish it), and its upload ID
abort   aborts the uploads chosen, each checked gone on the server; those in
        the journal are removed from it too. Choose exactly one of:
  --all                 every upload under the prefix
  --older-than AGE      those started more than AGE ago: 7d, 12h, 30m
  --upload-id ID        the one upload with this ID (as ls shows it)

Options:
  --endpoint-url URL    S3-compatible server, e.g. http://127.0.0.1:9000
  --region R            default: $AWS_REGION, else $AWS_DEFAULT_REGION,
                        else us-east-1
  --path-style          as for hoist cp (on by default with --endpoint-url)
  --ca-bundle FILE      as for hoist cp (default $AWS_CA_BUNDLE)
  --profile NAME        as for hoist cp (default $AWS_PROFILE)
  --state-dir DIR       the journal used to mark Hoist's own uploads; default as
                        for hoist resume
  --json                one JSON object per line on stdout. ls: {"type":
                        "incomplete", key, uploadId, initiated, parts, bytes,
                        startedByHoist}; abort: {"type":"aborted", key, uploadId,
                        cleanup: "verified" or "failed"}
  --debug               print stack traces for unexpected errors
  -h, --help            show this help

To have the server clean them up by itself, give the bucket a lifecycle rule
with AbortIncompleteMultipartUpload (DaysAfterInitiation: 7, say).

Exit status: 0 done (every abort verified); 1 an abort could not be verified,
the listing failed, or no upload has the --upload-id given; 2 usage error.
`;

export function mainHelp(commands: Record<string, { summary: string }>): string {
  const width = Math.max(...Object.keys(commands).map((c) => c.length)) + 2;
  const list = Object.entries(commands)
    .map(([name, c]) => `  ${name.padEnd(width)}${c.summary}`)
    .join('\n');
  return `hoist ${version}: upload files to Amazon S3 and S3-compatible storage with exact
progress, instant cancel and verified cleanup.

Usage: hoist <command> [options]

Commands:
${list}

Options:
  -h, --help     show this help
  -V, --version  print the version

Run \`hoist <command> --help\` for a command's options.
`;
}
