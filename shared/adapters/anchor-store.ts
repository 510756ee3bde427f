// The AnchorStore: one object per anchored chain head, named `cases/<caseId>/<seq>-<mac>.json`, so a
// case's heads are listed without reading them and a head is never overwritten by another. On AWS an S3
// bucket with Object Lock (infra/audit.ts): an object cannot be deleted or replaced before its retention
// ends, not even by the account. On one machine files under the data directory, created with O_EXCL
// (`wx`) and made read-only: never rewritten by the product.
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ListObjectVersionsCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { anchoredHeadSchema, type AnchoredHead, type AnchorRef } from "#domain/audit.ts";
import type { AnchorStore } from "#domain/ports.ts";

/** Environment variables of the store: the bucket on AWS (infra), the folder locally (local/runtime.ts, the tests). */
export const ANCHOR_BUCKET_ENV = "AUDIT_ANCHOR_BUCKET";
export const ANCHOR_DIR_ENV = "AUDIT_ANCHOR_DIR";

const caseIdPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const namePattern = /^(\d{6,})-([A-Za-z0-9_-]{43})\.json$/;

/** The object's name within the case's folder: the sequence number padded, so names sort in chain order. */
export const anchorName = (head: Pick<AnchoredHead, "seq" | "mac">): string => `${String(head.seq).padStart(6, "0")}-${head.mac}.json`;

function checkedCaseId(caseId: string): string {
  // The id names a folder: nothing but a case id may reach a path or a key.
  if (!caseIdPattern.test(caseId)) throw new Error("not a case id");
  return caseId;
}

const checkedHead = (head: AnchoredHead): AnchoredHead => anchoredHeadSchema.parse(head);

const refsFrom = (names: readonly string[]): AnchorRef[] =>
  names
    .map((name) => namePattern.exec(name))
    .filter((m) => m !== null)
    .map((m) => ({ seq: Number(m[1]), mac: m[2] as string }))
    .sort((a, b) => a.seq - b.seq);

export class LocalAnchorStore implements AnchorStore {
  constructor(private readonly dir: string) {}

  async append(head: AnchoredHead): Promise<void> {
    const h = checkedHead(head);
    const folder = join(this.dir, checkedCaseId(h.caseId));
    mkdirSync(folder, { recursive: true });
    try {
      writeFileSync(join(folder, anchorName(h)), `${JSON.stringify(h)}\n`, { flag: "wx", mode: 0o444 });
    } catch (err) {
      // The same head anchored again (a stream record delivered twice): it is there already, unchanged.
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
  }

  async heads(caseId: string): Promise<AnchorRef[]> {
    try {
      return refsFrom(readdirSync(join(this.dir, checkedCaseId(caseId))));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw err;
    }
  }
}

export class S3AnchorStore implements AnchorStore {
  constructor(
    private readonly bucket: string,
    private readonly s3 = new S3Client({}),
  ) {}

  async append(head: AnchoredHead): Promise<void> {
    const h = checkedHead(head);
    // The bucket's default retention locks each object (and each version of it) as it is written.
    await this.s3.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: `cases/${checkedCaseId(h.caseId)}/${anchorName(h)}`,
        Body: JSON.stringify(h),
        ContentType: "application/json",
        ChecksumAlgorithm: "SHA256",
      }),
    );
  }

  async heads(caseId: string): Promise<AnchorRef[]> {
    const prefix = `cases/${checkedCaseId(caseId)}/`;
    const names = new Set<string>();
    // Every version, not only the current objects: a delete marker (denied by the bucket policy) would hide no anchor.
    // The SDK has no paginator for ListObjectVersions: its markers, by hand.
    let marker: { KeyMarker?: string; VersionIdMarker?: string } = {};
    for (;;) {
      const page = await this.s3.send(new ListObjectVersionsCommand({ Bucket: this.bucket, Prefix: prefix, ...marker }));
      for (const v of page.Versions ?? []) if (v.Key) names.add(v.Key.slice(prefix.length));
      if (!page.IsTruncated) break;
      marker = { ...(page.NextKeyMarker && { KeyMarker: page.NextKeyMarker }), ...(page.NextVersionIdMarker && { VersionIdMarker: page.NextVersionIdMarker }) };
    }
    return refsFrom([...names]);
  }
}

export function anchorStoreFromEnv(env: NodeJS.ProcessEnv = process.env): AnchorStore {
  const bucket = env[ANCHOR_BUCKET_ENV];
  if (bucket) return new S3AnchorStore(bucket);
  const dir = env[ANCHOR_DIR_ENV];
  if (dir) return new LocalAnchorStore(dir);
  throw new Error(`no anchor store: set ${ANCHOR_BUCKET_ENV} (AWS) or ${ANCHOR_DIR_ENV} (local runtime)`);
}
