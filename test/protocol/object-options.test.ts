// Upload options on every server and both data paths: what a single PUT and a multipart upload set on the object
// (content type, cache and download headers, metadata, tags, storage class, encryption, ACL), read back from the
// server; a value the server refuses; and a resume from the journal that has to start over keeps the options.
//
// What the servers support (versitygw v1.8.0 with the posix backend, moto 5):
// - both keep Content-Type, Cache-Control, Content-Disposition, x-amz-meta-* and tags;
// - moto keeps the storage class, SSE (AES256 and aws:kms with its key ID) and the canned ACL;
// - versitygw accepts x-amz-storage-class, x-amz-server-side-encryption and x-amz-acl and ignores them: HeadObject
//   answers StorageClass STANDARD and no encryption, and GetObjectAcl answers 501 NotImplemented. So the tests assert
//   exactly that there, rather than skip it.
import { afterAll, expect, it } from 'vitest';
import { createEngine, type EngineOptions, type JournalEntry } from '../../src/engine';
import { targetFor as resumeTarget } from '../../src/cli/resume-options';
import type { ObjectOptions } from '../../src/shared/object-options';
import { freshBucketOn, targetFor, type S3Backend } from '../harness/backends';
import { cleanupTempDirs, makeFile, makeTempDir, sha256File } from '../harness/fixtures';
import { abortMultipartUpload, listMultipartUploads, objectSha256 } from '../harness/s3-check';
import { inState, waitFor } from '../engine/helpers';
import { describeEachBackendAndPath, MiB, objectExtras } from './helpers';

afterAll(cleanupTempDirs);

const FULL: ObjectOptions = {
  contentType: { mode: 'auto' },
  cacheControl: 'max-age=3600, public',
  contentDisposition: 'attachment; filename="report.pdf"',
  metadata: [
    { key: 'Owner', value: 'ada' },
    { key: 'project', value: 'hoist=1' },
  ],
  tags: [
    { key: 'team', value: 'data eng' },
    { key: 'path/k+=', value: 'a/b@c:d' },
  ],
  storageClass: 'STANDARD_IA',
  encryption: { mode: 'AES256' },
  acl: 'public-read',
};

const keepsEverything = (b: S3Backend) => b.name === 'moto';

/** FULL without the options versitygw ignores, as a profile without them would hold it (no undefined fields). */
function plainOptions(): ObjectOptions {
  const { storageClass: _s, acl: _a, ...rest } = FULL;
  return { ...rest, encryption: { mode: 'default' } };
}

describeEachBackendAndPath('object options', (backend: S3Backend, dataPath) => {
  const engine = (opts: EngineOptions = {}) =>
    createEngine({ retryBaseDelayMs: 20, dataPath, partSize: 5 * MiB, multipartThreshold: 5 * MiB, ...opts });

  it('a single PUT and a multipart upload set type, headers, metadata, tags, storage class, SSE and ACL', async () => {
    const dir = await makeTempDir();
    const files = [await makeFile(dir, 'page.html', 3000, 1), await makeFile(dir, 'photo.png', 11 * MiB, 2)];
    const bucket = await freshBucketOn(backend, 'opts');
    const eng = engine();
    const { items } = await eng.add(files, targetFor(backend, bucket, 'o/', { objectOptions: FULL }));
    await eng.idle();
    for (const item of items) expect(eng.get(item.id)?.state, item.name).toMatchObject({ kind: 'done' });
    for (const [name, type] of [
      ['page.html', 'text/html'],
      ['photo.png', 'image/png'],
    ] as const) {
      const got = await objectExtras(backend, bucket, `o/${name}`);
      expect(got, name).toMatchObject({
        contentType: type,
        cacheControl: FULL.cacheControl,
        contentDisposition: FULL.contentDisposition,
        // S3 stores metadata keys in lower case.
        metadata: { owner: 'ada', project: 'hoist=1' },
        tags: [
          { key: 'path/k+=', value: 'a/b@c:d' },
          { key: 'team', value: 'data eng' },
        ],
      });
      if (keepsEverything(backend)) {
        expect(got, name).toMatchObject({ storageClass: 'STANDARD_IA', sse: 'AES256' });
        expect(got.acl, name).toContain('AllUsers:READ');
      } else {
        // versitygw (posix) accepts these headers and ignores them; see the top of this file.
        expect(got.storageClass, name).toBe('STANDARD');
        expect(got.sse, name).toBeUndefined();
        expect(got.acl, name).toEqual({ refused: 'NotImplemented' });
      }
    }
    expect(await listMultipartUploads(backend.endpoint, bucket)).toEqual([]);
    await eng.close();
  });

  it('content type: fixed for every file, or none (the server default), on a single PUT and a multipart upload', async () => {
    const dir = await makeTempDir();
    const files = [await makeFile(dir, 'notes.txt', 100, 3), await makeFile(dir, 'video.mp4', 6 * MiB, 4)];
    const bucket = await freshBucketOn(backend, 'ctype');
    const eng = engine();
    const fixed: ObjectOptions = {
      ...plainOptions(),
      contentType: { mode: 'fixed', value: 'application/x-hoist; charset=utf-8' },
    };
    await eng.add(files, targetFor(backend, bucket, 'fixed/', { objectOptions: fixed }));
    await eng.add(
      files,
      targetFor(backend, bucket, 'none/', { objectOptions: { ...fixed, contentType: { mode: 'none' } } }),
    );
    await eng.idle();
    for (const name of ['notes.txt', 'video.mp4']) {
      expect((await objectExtras(backend, bucket, `fixed/${name}`)).contentType, name).toBe(
        'application/x-hoist; charset=utf-8',
      );
    }
    // 'none' leaves the type to the server: a PUT's body goes as application/octet-stream (as the SDK sends any
    // body), and a CreateMultipartUpload without the header gets the server's own default (binary/octet-stream on
    // both servers here), never the type the extension would give.
    expect((await objectExtras(backend, bucket, 'none/notes.txt')).contentType).toBe('application/octet-stream');
    expect((await objectExtras(backend, bucket, 'none/video.mp4')).contentType).toBe('binary/octet-stream');
    await eng.close();
  });

  it('SSE-KMS with a key ID', async () => {
    const dir = await makeTempDir();
    const files = [await makeFile(dir, 'a.bin', 10, 5), await makeFile(dir, 'b.bin', 6 * MiB, 6)];
    const bucket = await freshBucketOn(backend, 'kms');
    const eng = engine();
    const kms: ObjectOptions = { ...FULL, encryption: { mode: 'aws:kms', keyId: 'alias/hoist-test' }, acl: undefined };
    const { items } = await eng.add(files, targetFor(backend, bucket, '', { objectOptions: kms }));
    await eng.idle();
    for (const item of items) expect(eng.get(item.id)?.state, item.name).toMatchObject({ kind: 'done' });
    for (const name of ['a.bin', 'b.bin']) {
      const got = await objectExtras(backend, bucket, name);
      // moto keeps the key ID as given (it checks no KMS); versitygw ignores SSE headers.
      if (keepsEverything(backend)) expect(got, name).toMatchObject({ sse: 'aws:kms', kmsKeyId: 'alias/hoist-test' });
      else expect(got.sse, name).toBeUndefined();
    }
    await eng.close();
  });

  it('a value the server refuses fails the file with a message naming the option, the bucket and what to do', async () => {
    // The CLI and the settings refuse such values before sending (object-options.ts); the engine sends what it is
    // given, so a value past those checks shows the server's refusal as the user would see it. Both servers refuse a
    // tag value over 256 characters (InvalidTag); moto also refuses an unknown storage class (versitygw ignores it).
    const dir = await makeTempDir();
    const files = [await makeFile(dir, 'small.txt', 10, 7), await makeFile(dir, 'large.bin', 6 * MiB, 8)];
    const bucket = await freshBucketOn(backend, 'refused');
    const eng = engine();
    const longTag: ObjectOptions = { ...plainOptions(), tags: [{ key: 'note', value: 'x'.repeat(300) }] };
    const refusals: { options: ObjectOptions; files: string[]; says: string[] }[] = [
      // moto checks tags on PutObject only (its CreateMultipartUpload keeps any); versitygw checks both.
      {
        options: longTag,
        files: keepsEverything(backend) ? files.slice(0, 1) : files,
        says: ['refused the tags', 'InvalidTag', 'Check the tags (--tag'],
      },
    ];
    if (keepsEverything(backend))
      refusals.push({
        options: { ...plainOptions(), storageClass: 'COLD_STORAGE' as ObjectOptions['storageClass'] },
        // Again on PutObject only.
        files: files.slice(0, 1),
        says: ['refused storage class COLD_STORAGE', 'InvalidStorageClass', 'Choose a storage class'],
      });
    for (const [i, { options, files: sent, says }] of refusals.entries()) {
      const { items } = await eng.add(sent, targetFor(backend, bucket, `r${i}/`, { objectOptions: options }));
      await eng.idle();
      for (const item of items) {
        const state = eng.get(item.id)!.state;
        expect(state.kind, item.name).toBe('failed');
        const message = (state as { error: { message: string } }).error.message;
        for (const words of says) expect(message, item.name).toContain(words);
        expect(message).toContain(`bucket "${bucket}"`);
        expect(message).toContain(`r${i}/${item.name}`);
      }
    }
    expect(await listMultipartUploads(backend.endpoint, bucket)).toEqual([]);
    await eng.close();
  });

  it('options that cannot go out as headers fail the file before any request, naming the rule', async () => {
    const dir = await makeTempDir();
    const file = await makeFile(dir, 'x.txt', 10, 10);
    const bucket = await freshBucketOn(backend, 'unsendable');
    const eng = engine();
    const bad: ObjectOptions = { ...plainOptions(), cacheControl: 'no-cache\r\nX-Injected: 1' };
    const { items } = await eng.add([file], targetFor(backend, bucket, '', { objectOptions: bad }));
    await eng.idle();
    const state = eng.get(items[0]!.id)!.state;
    expect(state).toMatchObject({ kind: 'failed', error: { code: 'InvalidObjectOptions' } });
    expect((state as { error: { message: string } }).error.message).toBe(
      `The upload options for ${file} cannot be sent as HTTP headers: Cache-Control may hold only printable ASCII characters on one line (got "no-cache\r\nX-Injected: 1"). Remove line breaks and non-ASCII characters. Fix the profile's upload options or the drop's Options.`,
    );
    expect(await objectExtras(backend, bucket, 'x.txt').catch((e: { name?: string }) => e.name)).toBe('NotFound');
    await eng.close();
  });

  it('a resume from the journal that has to start over sets the same options', async () => {
    const dir = await makeTempDir();
    const stateDir = await makeTempDir('hoist-state-');
    const file = await makeFile(dir, 'resumed.json', 16 * MiB, 9);
    const bucket = await freshBucketOn(backend, 'resume-opts');
    const options = plainOptions();
    const first = engine({ stateDir, bytesPerSecond: 8 * MiB });
    const { items } = await first.add(
      [file],
      targetFor(backend, bucket, '', { objectOptions: options, partsPerFile: 1 }),
    );
    await waitFor(first, items[0]!.id, (i) => i.confirmed >= 5 * MiB);
    await first.pause(items[0]!.id);

    // A second process finds the upload in the journal, with the options, speed limit and parts per file it ran with.
    const second = engine({ stateDir });
    const entries: JournalEntry[] = await second.interrupted();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ objectOptions: options, bytesPerSecond: 8 * MiB, partsPerFile: 1 });
    // The server lost the upload meanwhile (expired, aborted): the resume must create it again, from the journal.
    await abortMultipartUpload(backend.endpoint, bucket, entries[0]!.key, entries[0]!.uploadId);
    const own = targetFor(backend, bucket);
    const [item] = second.restore(entries, (e) => ({
      ...resumeTarget(e, { endpointUrl: backend.endpoint }),
      credentials: own.credentials,
      region: own.region,
      ...(own.caBundle ? { caBundle: own.caBundle } : {}),
    }));
    second.resume(item!.id);
    const done = await waitFor(second, item!.id, inState('done', 'failed'), 60_000);
    expect(done.state.kind, JSON.stringify(done.state)).toBe('done');
    expect(await objectSha256(backend.endpoint, bucket, 'resumed.json')).toBe(await sha256File(file));
    expect(await objectExtras(backend, bucket, 'resumed.json')).toMatchObject({
      contentType: 'application/json',
      cacheControl: options.cacheControl,
      contentDisposition: options.contentDisposition,
      metadata: { owner: 'ada', project: 'hoist=1' },
      tags: [
        { key: 'path/k+=', value: 'a/b@c:d' },
        { key: 'team', value: 'data eng' },
      ],
    });
    await second.close();
    await first.close();
  }, 90_000);
});
