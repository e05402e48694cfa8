// Makes the FileJob that runs one entry (entry-runner.ts runs it): the engine's job settings with the target's own part
// size, parts per file, checksum choice and speed limits; the target's client; the entry's side of the journal; and a
// report that goes through the engine, which decides whether a job's progress is still news.
import type { Target } from '../../shared/target';
import type { UploadState } from '../../shared/upload-state';
import type { ResolvedOptions } from './engine-options';
import type { Entry } from './entry';
import { describeEndpoint } from '../s3/errors';
import { FileJob } from '../job/file-job';
import { objectFields } from '../job/object-fields';
import { hoistError } from '../s3/errors';
import { objectOptionsProblem, type ObjectOptions, type ObjectRuleKey } from '../../shared/object-options';
import { objectRuleText } from '../../shared/i18n/object-rules';
import { jobJournal } from '../journal/job-journal';
import type { Journal } from '../journal/journal-store';
import type { Limiter } from '../throttle/part-slots';
import { RateLimiter } from '../throttle/speed-limit';
import type { ClientPool } from '../s3/s3-client';

/** What every job is made from: the engine's settings and what its jobs share. */
export interface JobMakerDeps {
  opts: ResolvedOptions;
  clients: ClientPool;
  /** The global cap on parts in flight. */
  parts: Limiter;
  journal: Journal | undefined;
  /** The engine-wide speed limit, if any. */
  globalLimit: RateLimiter | undefined;
  /** A job's own progress: dropped once a stop or a failure has taken the item over. */
  report(e: Entry, next: UploadState): void;
}

export class JobMaker {
  private readonly targetLimits = new Map<string, RateLimiter>();

  constructor(private readonly deps: JobMakerDeps) {}

  /** A new job for the entry; throws when its target cannot be used (a target the client refuses). */
  make(e: Entry): FileJob {
    const t = e.target;
    if (t.objectOptions) refuseUnsendable(t.objectOptions, e.path);
    const settings = {
      ...this.deps.opts.job,
      partSize: t.partSize ?? this.deps.opts.job.partSize,
      partsPerFile:
        t.partsPerFile && t.partsPerFile >= 1 ? Math.floor(t.partsPerFile) : this.deps.opts.job.partsPerFile,
      integrity: this.deps.clients.integrity(t),
      limiters: this.limitersFor(t),
    };
    const journal =
      this.deps.journal &&
      jobJournal(
        this.deps.journal,
        {
          path: e.path,
          endpointUrl: t.endpointUrl || undefined,
          region: t.region,
          forcePathStyle: t.forcePathStyle,
          checksum: t.checksum,
          profileId: t.profileId,
          bucket: t.bucket,
          key: e.item.key,
          // What the upload was started with, so that a resume (the app's or `hoist resume`) sets exactly the same.
          ...(t.objectOptions ? { objectOptions: t.objectOptions } : {}),
          ...this.limitOf(t),
          partsPerFile: settings.partsPerFile,
        },
        e.restored,
      );
    return new FileJob(
      {
        path: e.path,
        name: e.item.name,
        bucket: t.bucket,
        key: e.item.key,
        ...(t.objectOptions ? { options: t.objectOptions } : {}),
        // The type comes from the file's own name: under a fixed key (a single file's prefix) the key may have none.
        fields: objectFields(t.objectOptions, e.item.name),
        ...(e.planned ? { planned: e.planned } : {}),
      },
      {
        control: () => this.deps.clients.get(t),
        data: this.deps.clients.dataPath(t, t.dataPath ?? this.deps.opts.dataPath),
      },
      this.deps.parts,
      e.meter,
      settings,
      (s) => this.deps.report(e, s),
      describeEndpoint(t.endpointUrl, t.region),
      journal,
    );
  }

  /** The speed limit this upload runs under (the target's, else the engine's), as the journal records it. */
  private limitOf(t: Target): { bytesPerSecond?: number } {
    const limit = t.bytesPerSecond && t.bytesPerSecond > 0 ? t.bytesPerSecond : this.deps.globalLimit?.bytesPerSecond;
    return limit ? { bytesPerSecond: limit } : {};
  }

  /** The engine-wide speed limit, and the target's own, shared by every upload to the same profile or endpoint. */
  private limitersFor(t: Target): RateLimiter[] {
    const list = this.deps.globalLimit ? [this.deps.globalLimit] : [];
    if (t.bytesPerSecond && t.bytesPerSecond > 0) {
      const id = `${t.profileId ?? t.endpointUrl ?? ''}:${t.bytesPerSecond}`;
      let limiter = this.targetLimits.get(id);
      if (!limiter) this.targetLimits.set(id, (limiter = new RateLimiter(t.bytesPerSecond)));
      list.push(limiter);
    }
    return list;
  }
}

/**
 * Problems that would make the request itself unsendable (a line break or non-ASCII in a header, a metadata key that
 * is no header name): refused here with the rule's words, not as Node's bare "invalid character". The other rules
 * (tag lengths, counts) are the server's to enforce; the CLI and the settings check them all before this.
 */
const UNSENDABLE: ReadonlySet<ObjectRuleKey> = new Set<ObjectRuleKey>([
  'objectRule.contentType',
  'objectRule.headerText',
  'objectRule.metadataKey',
  'objectRule.metadataValue',
  'objectRule.kmsKeyId',
]);

function refuseUnsendable(options: ObjectOptions, file: string): void {
  const problem = objectOptionsProblem(options);
  if (problem && UNSENDABLE.has(problem.key))
    throw hoistError('InvalidObjectOptions', 'engineError.option.unsendable', {
      file,
      problem: objectRuleText(problem),
    });
}
