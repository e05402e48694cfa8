# Independent S3 checker for the tests: boto3 (not the JS SDK) answering JSON requests, one per line.
#
# Request (stdin):  {"id": 1, "op": "listObjects", "endpoint": "http://...", "args": {...}}
# Response (stdout): {"id": 1, "ok": true, "result": ...} or {"id": 1, "ok": false, "code": "NoSuchKey", "message": "..."}
# Bytes travel base64-encoded. Started and owned by s3-check.ts; exits when stdin closes or its parent dies.
import base64
import hashlib
import json
import os
import signal
import sys

try:
    import ctypes

    ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG (Linux only)
except Exception:
    pass

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

clients = {}


def custom(endpoint):
    # The user's own endpoint (HOIST_TEST_S3_ENDPOINT, see the README's Tests section) has its own keys and region.
    return endpoint == os.environ.get("HOIST_TEST_S3_ENDPOINT")


def verify(endpoint):
    # https test servers use the run's throwaway CA (global-setup.ts exports it); an explicit verify= also wins over
    # AWS_CA_BUNDLE, which may name the system bundle. Other endpoints keep botocore's default.
    if custom(endpoint):
        return os.environ.get("HOIST_TEST_S3_CA_FILE") or None
    ca = os.environ.get("HOIST_TEST_CA_FILE")
    return ca if endpoint.startswith("https:") and ca else None


def s3(endpoint):
    if endpoint not in clients:
        clients[endpoint] = boto3.session.Session().client(
            "s3",
            endpoint_url=endpoint,
            region_name=os.environ.get("HOIST_TEST_S3_REGION", "us-east-1") if custom(endpoint) else "us-east-1",
            aws_access_key_id=os.environ["HOIST_TEST_S3_ACCESS_KEY_ID"] if custom(endpoint) else "test",
            aws_secret_access_key=os.environ["HOIST_TEST_S3_SECRET_ACCESS_KEY"] if custom(endpoint) else "test",
            verify=verify(endpoint),
            config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1}),
        )
    return clients[endpoint]


def etag(value):
    return (value or "").strip('"')


def create_bucket(c, a):
    region = c.meta.region_name
    where = {} if region == "us-east-1" else {"CreateBucketConfiguration": {"LocationConstraint": region}}
    try:
        c.create_bucket(Bucket=a["bucket"], **where)
    except ClientError as e:
        if e.response["Error"]["Code"] not in ("BucketAlreadyOwnedByYou", "BucketAlreadyExists"):
            raise
    return None


def list_multipart_uploads(c, a):
    uploads, kw = [], {"Bucket": a["bucket"]}
    while True:
        r = c.list_multipart_uploads(**kw)
        for u in r.get("Uploads", []):
            uploads.append({"key": u["Key"], "uploadId": u["UploadId"], "initiated": u["Initiated"].isoformat()})
        if not r.get("IsTruncated"):
            return uploads
        kw["KeyMarker"], kw["UploadIdMarker"] = r["NextKeyMarker"], r["NextUploadIdMarker"]


def list_parts(c, a):
    parts, kw = [], {"Bucket": a["bucket"], "Key": a["key"], "UploadId": a["uploadId"]}
    try:
        while True:
            r = c.list_parts(**kw)
            for p in r.get("Parts", []):
                parts.append({"partNumber": p["PartNumber"], "size": p["Size"], "etag": etag(p["ETag"])})
            if not r.get("IsTruncated"):
                return parts
            kw["PartNumberMarker"] = r["NextPartNumberMarker"]
    except ClientError as e:
        if e.response["Error"]["Code"] == "NoSuchUpload":
            return "NoSuchUpload"
        raise


def list_objects(c, a):
    objects = []
    for page in c.get_paginator("list_objects_v2").paginate(Bucket=a["bucket"], Prefix=a.get("prefix") or ""):
        for o in page.get("Contents", []):
            objects.append({"key": o["Key"], "size": o["Size"], "etag": etag(o["ETag"])})
    return objects


def missing(e):
    return e.response["Error"]["Code"] in ("NoSuchKey", "404", "NotFound")


def object_sha256(c, a):
    try:
        body = c.get_object(Bucket=a["bucket"], Key=a["key"])["Body"]
    except ClientError as e:
        if missing(e):
            return None
        raise
    h = hashlib.sha256()
    for chunk in iter(lambda: body.read(1 << 20), b""):
        h.update(chunk)
    return h.hexdigest()


def head_object(c, a):
    try:
        r = c.head_object(Bucket=a["bucket"], Key=a["key"])
    except ClientError as e:
        if missing(e):
            return None
        raise
    return {
        "size": r["ContentLength"],
        "etag": etag(r.get("ETag")),
        "contentType": r.get("ContentType"),
        "metadata": r.get("Metadata", {}),
    }


def put_object(c, a):
    r = c.put_object(Bucket=a["bucket"], Key=a["key"], Body=base64.b64decode(a["body"]))
    return {"etag": etag(r.get("ETag"))}


def create_multipart_upload(c, a):
    return c.create_multipart_upload(Bucket=a["bucket"], Key=a["key"])["UploadId"]


def upload_part(c, a):
    r = c.upload_part(
        Bucket=a["bucket"], Key=a["key"], UploadId=a["uploadId"], PartNumber=a["partNumber"], Body=base64.b64decode(a["body"])
    )
    return {"etag": etag(r["ETag"])}


def abort_multipart_upload(c, a):
    c.abort_multipart_upload(Bucket=a["bucket"], Key=a["key"], UploadId=a["uploadId"])
    return None


def put_bucket_versioning(c, a):
    c.put_bucket_versioning(Bucket=a["bucket"], VersioningConfiguration={"Status": "Enabled"})
    return c.get_bucket_versioning(Bucket=a["bucket"]).get("Status") == "Enabled"


def list_object_versions(c, a):
    r = c.list_object_versions(Bucket=a["bucket"], Prefix=a.get("prefix") or "")
    versions = [
        {"key": v["Key"], "versionId": v["VersionId"], "isLatest": v["IsLatest"], "size": v["Size"], "etag": etag(v.get("ETag"))}
        for v in r.get("Versions", [])
    ]
    markers = [{"key": m["Key"], "versionId": m["VersionId"], "isLatest": m["IsLatest"]} for m in r.get("DeleteMarkers", [])]
    return {"versions": versions, "deleteMarkers": markers}


OPS = {
    "createBucket": create_bucket,
    "listMultipartUploads": list_multipart_uploads,
    "listParts": list_parts,
    "listObjects": list_objects,
    "objectSha256": object_sha256,
    "headObject": head_object,
    "putObject": put_object,
    "createMultipartUpload": create_multipart_upload,
    "uploadPart": upload_part,
    "abortMultipartUpload": abort_multipart_upload,
    "putBucketVersioning": put_bucket_versioning,
    "listObjectVersions": list_object_versions,
}


def reply(msg):
    sys.stdout.write(json.dumps(msg) + "\n")
    sys.stdout.flush()


for line in sys.stdin:
    if not line.strip():
        continue
    req = json.loads(line)
    try:
        result = OPS[req["op"]](s3(req["endpoint"]), req.get("args", {}))
        reply({"id": req["id"], "ok": True, "result": result})
    except ClientError as e:
        err = e.response.get("Error", {})
        reply({"id": req["id"], "ok": False, "code": err.get("Code", "ClientError"), "message": str(e)})
    except Exception as e:  # noqa: BLE001 - everything goes back to the caller
        reply({"id": req["id"], "ok": False, "code": type(e).__name__, "message": str(e)})
