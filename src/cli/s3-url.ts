// s3://bucket/prefix/ → { bucket, prefix }. The prefix is kept byte for byte: keys may hold any character.

export interface S3Location {
  bucket: string;
  /** '' for the bucket's root; ending in '/' when the user asked for "keep the file names under it". */
  prefix: string;
}

/** Returns the location, or a sentence saying what is wrong with `url`. */
export function parseS3Url(url: string): S3Location | { error: string } {
  const m = /^s3:\/\/([^/]*)(?:\/(.*))?$/is.exec(url);
  if (!m) return { error: `Target "${url}" is not an S3 URL. Give the destination last, as s3://bucket/prefix/.` };
  const bucket = m[1]!;
  if (!bucket) return { error: `Target "${url}" names no bucket. Use s3://bucket/ or s3://bucket/prefix/.` };
  if (/\s/.test(bucket))
    return { error: `Bucket name "${bucket}" in "${url}" contains whitespace. Check the bucket name.` };
  return { bucket, prefix: m[2] ?? '' };
}

export function isS3Url(text: string): boolean {
  return /^s3:\/\//i.test(text);
}

export function formatS3Url(bucket: string, key: string): string {
  return `s3://${bucket}/${key}`;
}
