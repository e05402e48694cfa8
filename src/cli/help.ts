// Help texts. Kept apart from the code so they read as the documentation they are.
import { version } from './version';

export const CP_SUMMARY = 'Upload files and folders to s3://bucket/prefix/';

export const CP_HELP = `Usage: hoist cp <file|dir>... s3://bucket[/prefix/] [options]

Uploads files and folders to Amazon S3 or an S3-compatible server. Folders go
recursively, and their keys keep the folder's name and relative paths. Files of
8 MiB or more go as multipart uploads.

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
  --checksum MODE       auto: CRC32 checksums on AWS, only where required on
                        other servers (some reject the newer checksum headers);
                        crc32: always; off: only where required. Default auto.
  --json                one JSON object per line on stdout: "progress" lines,
                        then one "done", "failed" or "cancelled" line per file
  --debug               print stack traces for unexpected errors
  -h, --help            show this help

Credentials come from the standard AWS chain: AWS_ACCESS_KEY_ID and
AWS_SECRET_ACCESS_KEY, AWS_PROFILE, ~/.aws/credentials and ~/.aws/config.

Ctrl-C (or SIGTERM) cancels every upload, removes the partial uploads from the
server and checks that they are gone, then exits with 130 (129 when the
terminal closed, SIGHUP). A second Ctrl-C quits at once, without waiting for
the cleanup.

Exit status: 0 every file arrived; 1 a file failed or was refused;
2 usage error; 130 interrupted.
`;

export function mainHelp(commands: Record<string, { summary: string }>): string {
  const width = Math.max(...Object.keys(commands).map((c) => c.length)) + 2;
  const list = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}${c.summary}`).join('\n');
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
