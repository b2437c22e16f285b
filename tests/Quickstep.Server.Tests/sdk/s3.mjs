// Drives a running Quickstep server's S3 API with the official AWS SDK for JavaScript (@aws-sdk/client-s3,
// path-style) and prints one JSON object: for every step, the fields the C# test asserts, or {error, status}.
// usage: node s3.mjs http://127.0.0.1:PORT
import * as s3 from '@aws-sdk/client-s3';
import * as sfn from '@aws-sdk/client-sfn';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';

const endpoint = process.argv[2];
const client = new s3.S3Client({
  endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
  forcePathStyle: true,
  maxAttempts: 1,
});
const send = (name, input) => client.send(new s3[`${name}Command`](input));
const out = {};
const step = async (name, fn) => {
  try {
    out[name] = await fn();
  } catch (e) {
    out[name] = { error: e.name, code: e.Code, message: e.message, status: e.$metadata?.httpStatusCode, bucketName: e.BucketName, key: e.Key };
  }
  return out[name];
};
const md5 = b => createHash('md5').update(b).digest('hex');
const sha = b => createHash('sha256').update(b).digest('hex');
const bytes = async body => Buffer.from(await body.transformToByteArray());
const Bucket = 'qs-sdk-test';

// ---- buckets ----
await step('createBucket', async () => ({ location: (await send('CreateBucket', { Bucket })).Location }));
await step('createBucketAgain', () => send('CreateBucket', { Bucket }));
await step('createBadName', () => send('CreateBucket', { Bucket: 'Bad_Name' }));
await step('listBuckets', async () => {
  const r = await send('ListBuckets', {});
  return { names: r.Buckets.map(b => b.Name), creationDate: r.Buckets[0].CreationDate instanceof Date, owner: !!r.Owner?.ID };
});
await step('headBucket', async () => ({ status: (await send('HeadBucket', { Bucket })).$metadata.httpStatusCode }));
await step('headMissingBucket', () => send('HeadBucket', { Bucket: 'no-such-bucket-here' }));

// ---- small objects ----
const text = 'hello, quickstep';
await step('putText', async () => {
  const r = await send('PutObject', { Bucket, Key: 'docs/hello.txt', Body: text, ContentType: 'text/plain', Metadata: { owner: 'alice', 'Mixed-Case': 'v' }, CacheControl: 'max-age=60' });
  return { etag: r.ETag, expected: `"${md5(text)}"`, checksumCRC32: r.ChecksumCRC32 ?? null };
});
await step('getText', async () => {
  const r = await send('GetObject', { Bucket, Key: 'docs/hello.txt' });
  return { body: (await bytes(r.Body)).toString(), contentType: r.ContentType, metadata: r.Metadata, etag: r.ETag, length: r.ContentLength, cacheControl: r.CacheControl, lastModified: r.LastModified instanceof Date, acceptRanges: r.AcceptRanges };
});
await step('headText', async () => {
  const r = await send('HeadObject', { Bucket, Key: 'docs/hello.txt' });
  return { length: r.ContentLength, contentType: r.ContentType, metadata: r.Metadata, etag: r.ETag };
});
await step('putBadMd5', () => send('PutObject', { Bucket, Key: 'bad.txt', Body: 'abc', ContentMD5: createHash('md5').update('xyz').digest('base64') }));
await step('putGoodMd5', async () => (await send('PutObject', { Bucket, Key: 'good.txt', Body: 'abc', ContentMD5: createHash('md5').update('abc').digest('base64') })).ETag);
await step('putMissingBucket', () => send('PutObject', { Bucket: 'no-such-bucket-here', Key: 'k', Body: 'x' }));
await step('putIfNoneMatchExisting', () => send('PutObject', { Bucket, Key: 'good.txt', Body: 'new', IfNoneMatch: '*' }));
await step('putIfNoneMatchNew', async () => (await send('PutObject', { Bucket, Key: 'fresh.txt', Body: 'new', IfNoneMatch: '*' })).ETag);
await step('getMissingKey', () => send('GetObject', { Bucket, Key: 'nope/missing.txt' }));
await step('getMissingBucket', () => send('GetObject', { Bucket: 'no-such-bucket-here', Key: 'k' }));
await step('headMissingKey', () => send('HeadObject', { Bucket, Key: 'nope/missing.txt' }));
const etag = `"${md5(text)}"`;
await step('getIfNoneMatch', () => send('GetObject', { Bucket, Key: 'docs/hello.txt', IfNoneMatch: etag }));
await step('getIfMatchWrong', () => send('GetObject', { Bucket, Key: 'docs/hello.txt', IfMatch: '"0123"' }));
await step('getIfMatchRight', async () => (await bytes((await send('GetObject', { Bucket, Key: 'docs/hello.txt', IfMatch: etag })).Body)).toString());

// Keys that are not paths: dot segments, unicode, an encoded slash, 1,024 bytes.
const oddKeys = ['../../escape.txt', 'a/../../b', 'ünïcødé/日本語 ключ.txt', 'with%2Fslash and+plus', 'x'.repeat(1024)];
await step('oddKeys', async () => {
  const got = [];
  for (const Key of oddKeys) {
    await send('PutObject', { Bucket, Key, Body: `content of ${Key}` });
    got.push((await bytes((await send('GetObject', { Bucket, Key })).Body)).toString() === `content of ${Key}`);
  }
  return got;
});
await step('keyTooLong', () => send('PutObject', { Bucket, Key: 'x'.repeat(1025), Body: 'x' }));

// ---- a 5 MB object: streamed up (aws-chunked with a CRC32 trailer), down whole and by ranges ----
const big = Buffer.alloc(5 * 1024 * 1024);
for (let i = 0; i < big.length; i++) big[i] = (i * 7 + (i >> 10)) & 0xff;
await step('putBigStream', async () => {
  const chunks = [];
  for (let i = 0; i < big.length; i += 64 * 1024) chunks.push(big.subarray(i, i + 64 * 1024));
  const r = await send('PutObject', { Bucket, Key: 'big/blob.bin', Body: Readable.from(chunks), ContentLength: big.length });
  return { etag: r.ETag, expected: `"${md5(big)}"`, checksumCRC32: r.ChecksumCRC32 ?? null };
});
await step('putBigBuffer', async () => {
  const r = await send('PutObject', { Bucket, Key: 'big/buffer.bin', Body: big });
  return { etag: r.ETag, expected: `"${md5(big)}"` };
});
await step('getBig', async () => {
  const r = await send('GetObject', { Bucket, Key: 'big/blob.bin' });
  const b = await bytes(r.Body);
  return { length: r.ContentLength, size: b.length, same: sha(b) === sha(big), etag: r.ETag };
});
await step('getRange', async () => {
  const r = await send('GetObject', { Bucket, Key: 'big/blob.bin', Range: 'bytes=1000000-1000099' });
  const b = await bytes(r.Body);
  return { status: r.$metadata.httpStatusCode, contentRange: r.ContentRange, length: r.ContentLength, same: b.equals(big.subarray(1000000, 1000100)) };
});
await step('getSuffixRange', async () => {
  const r = await send('GetObject', { Bucket, Key: 'big/blob.bin', Range: 'bytes=-10' });
  const b = await bytes(r.Body);
  return { contentRange: r.ContentRange, same: b.equals(big.subarray(big.length - 10)) };
});
await step('getOpenRange', async () => {
  const r = await send('GetObject', { Bucket, Key: 'big/blob.bin', Range: `bytes=${big.length - 5}-` });
  const b = await bytes(r.Body);
  return { contentRange: r.ContentRange, same: b.equals(big.subarray(big.length - 5)) };
});
await step('getBadRange', () => send('GetObject', { Bucket, Key: 'big/blob.bin', Range: `bytes=${big.length}-` }));

// ---- multipart ----
await step('multipart', async () => {
  const Key = 'big/multipart.bin';
  const { UploadId } = await send('CreateMultipartUpload', { Bucket, Key, ContentType: 'application/x-test', Metadata: { part: 'ed' }, ChecksumAlgorithm: 'CRC32' });
  const p1 = big, p2 = Buffer.from('the last part may be small');
  const u1 = await send('UploadPart', { Bucket, Key, UploadId, PartNumber: 1, Body: p1 });
  const u2 = await send('UploadPart', { Bucket, Key, UploadId, PartNumber: 2, Body: p2 });
  const r = await send('CompleteMultipartUpload', { Bucket, Key, UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: u1.ETag, ChecksumCRC32: u1.ChecksumCRC32 }, { PartNumber: 2, ETag: u2.ETag, ChecksumCRC32: u2.ChecksumCRC32 }] } });
  const expected = `"${createHash('md5').update(Buffer.concat([createHash('md5').update(p1).digest(), createHash('md5').update(p2).digest()])).digest('hex')}-2"`;
  const g = await send('GetObject', { Bucket, Key });
  const b = await bytes(g.Body);
  let again;
  try { await send('UploadPart', { Bucket, Key, UploadId, PartNumber: 3, Body: 'x' }); again = 'accepted'; } catch (e) { again = e.name; }
  return { partETag: u1.ETag === `"${md5(p1)}"`, etag: r.ETag, expected, same: b.equals(Buffer.concat([p1, p2])), contentType: g.ContentType, metadata: g.Metadata, checksum: r.ChecksumCRC32 ?? null, afterComplete: again };
});
await step('multipartTooSmall', async () => {
  const Key = 'big/small-parts.bin';
  const { UploadId } = await send('CreateMultipartUpload', { Bucket, Key });
  const u1 = await send('UploadPart', { Bucket, Key, UploadId, PartNumber: 1, Body: 'small' });
  const u2 = await send('UploadPart', { Bucket, Key, UploadId, PartNumber: 2, Body: 'parts' });
  try {
    await send('CompleteMultipartUpload', { Bucket, Key, UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: u1.ETag }, { PartNumber: 2, ETag: u2.ETag }] } });
    return 'completed';
  } finally {
    await send('AbortMultipartUpload', { Bucket, Key, UploadId });
  }
});
await step('multipartWrongETag', async () => {
  const Key = 'big/wrong.bin';
  const { UploadId } = await send('CreateMultipartUpload', { Bucket, Key });
  await send('UploadPart', { Bucket, Key, UploadId, PartNumber: 1, Body: 'x' });
  try {
    await send('CompleteMultipartUpload', { Bucket, Key, UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: '"00000000000000000000000000000000"' }] } });
    return 'completed';
  } finally {
    await send('AbortMultipartUpload', { Bucket, Key, UploadId });
  }
});
await step('multipartAborted', () => send('UploadPart', { Bucket, Key: 'big/wrong.bin', UploadId: 'no-such-upload', PartNumber: 1, Body: 'x' }));

// ---- listing ----
for (const Key of ['list/a/1', 'list/a/2', 'list/b/1', 'list/c', 'list/d/e/f', 'list/e'])
  await send('PutObject', { Bucket, Key, Body: Key });
await step('listDelimiter', async () => {
  const r = await send('ListObjectsV2', { Bucket, Prefix: 'list/', Delimiter: '/' });
  return { keys: (r.Contents ?? []).map(c => c.Key), prefixes: (r.CommonPrefixes ?? []).map(p => p.Prefix), keyCount: r.KeyCount, truncated: r.IsTruncated, prefix: r.Prefix, delimiter: r.Delimiter };
});
await step('listPrefix', async () => {
  const r = await send('ListObjectsV2', { Bucket, Prefix: 'list/a/' });
  return { keys: r.Contents.map(c => c.Key), sizes: r.Contents.map(c => c.Size), etags: r.Contents.map(c => c.ETag), storage: r.Contents[0].StorageClass, keyCount: r.KeyCount };
});
await step('listPaged', async () => {
  const pages = [];
  let token;
  do {
    const r = await send('ListObjectsV2', { Bucket, Prefix: 'list/', MaxKeys: 2, ContinuationToken: token });
    pages.push({ keys: r.Contents.map(c => c.Key), keyCount: r.KeyCount, truncated: r.IsTruncated });
    token = r.NextContinuationToken;
  } while (token);
  return pages;
});
await step('listPagedDelimiter', async () => {
  const seen = [];
  let token;
  do {
    const r = await send('ListObjectsV2', { Bucket, Prefix: 'list/', Delimiter: '/', MaxKeys: 1, ContinuationToken: token });
    seen.push(...(r.Contents ?? []).map(c => c.Key), ...(r.CommonPrefixes ?? []).map(p => p.Prefix));
    token = r.NextContinuationToken;
  } while (token);
  return seen;
});
await step('listV1Paged', async () => {
  const seen = [];
  let Marker, guard = 0;
  do {
    const r = await send('ListObjects', { Bucket, Prefix: 'list/', Delimiter: '/', MaxKeys: 1, Marker });
    seen.push(...(r.Contents ?? []).map(c => c.Key), ...(r.CommonPrefixes ?? []).map(p => p.Prefix));
    Marker = r.IsTruncated ? r.NextMarker : undefined;
  } while (Marker && ++guard < 20);
  return seen;
});
await step('listStartAfter', async () => (await send('ListObjectsV2', { Bucket, Prefix: 'list/', StartAfter: 'list/b/1' })).Contents.map(c => c.Key));
await step('listMissingBucket', () => send('ListObjectsV2', { Bucket: 'no-such-bucket-here' }));
await step('listBadToken', () => send('ListObjectsV2', { Bucket, ContinuationToken: 'not a token' }));

// ---- copy ----
await step('copy', async () => {
  const r = await send('CopyObject', { Bucket, Key: 'copies/hello.txt', CopySource: `${Bucket}/docs/hello.txt` });
  const h = await send('HeadObject', { Bucket, Key: 'copies/hello.txt' });
  return { etag: r.CopyObjectResult.ETag, lastModified: r.CopyObjectResult.LastModified instanceof Date, metadata: h.Metadata, contentType: h.ContentType };
});
await step('copyReplace', async () => {
  await send('CopyObject', { Bucket, Key: 'copies/replaced.txt', CopySource: `${Bucket}/docs/hello.txt`, MetadataDirective: 'REPLACE', Metadata: { fresh: 'yes' }, ContentType: 'application/json' });
  const h = await send('HeadObject', { Bucket, Key: 'copies/replaced.txt' });
  return { metadata: h.Metadata, contentType: h.ContentType };
});
await step('copyUnicode', async () => {
  await send('CopyObject', { Bucket, Key: 'copies/unicode.txt', CopySource: encodeURIComponent(`${Bucket}/ünïcødé/日本語 ключ.txt`) });
  return (await bytes((await send('GetObject', { Bucket, Key: 'copies/unicode.txt' })).Body)).toString();
});
await step('copyMissing', () => send('CopyObject', { Bucket, Key: 'copies/x', CopySource: `${Bucket}/nope/missing.txt` }));
await step('copyToItself', () => send('CopyObject', { Bucket, Key: 'docs/hello.txt', CopySource: `${Bucket}/docs/hello.txt` }));

// ---- Distributed Map reading its items from this S3 (ItemReader) ----
const states = new sfn.SFNClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, disableHostPrefix: true, maxAttempts: 1 });
const runMap = async (name, reader, input) => {
  const definition = JSON.stringify({ StartAt: 'M', States: { M: { Type: 'Map', ItemReader: reader,
    ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' }, StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, End: true } } });
  const { stateMachineArn } = await states.send(new sfn.CreateStateMachineCommand({ name, definition, roleArn: 'arn:aws:iam::123456789012:role/quickstep-test', type: 'EXPRESS' }));
  const r = await states.send(new sfn.StartSyncExecutionCommand({ stateMachineArn, input: JSON.stringify(input) }));
  return r.status === 'SUCCEEDED' ? { status: r.status, output: JSON.parse(r.output) } : { status: r.status, error: r.error, cause: r.cause };
};
await send('PutObject', { Bucket, Key: 'items/rows.csv', Body: 'id,name,note\r\n1,alice,"likes, commas"\r\n2,bob,"say ""hi"""\r\n3,carol,\r\n' });
await send('PutObject', { Bucket, Key: 'items/rows.jsonl', Body: '{"n":1}\n{"n":2}\n{"n":3}\n' });
await send('PutObject', { Bucket, Key: 'items/rows.json', Body: '[{"a":1},{"a":2}]' });
await step('mapCsv', () => runMap('map-csv', { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW' }, Parameters: { Bucket, 'Key.$': '$.key' } }, { key: 'items/rows.csv' }));
await step('mapCsvGiven', () => runMap('map-csv-given', { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'CSV', CSVHeaderLocation: 'GIVEN', CSVHeaders: ['a', 'b', 'c'], MaxItems: 2 }, Parameters: { Bucket, Key: 'items/rows.csv' } }, {}));
await step('mapJsonl', () => runMap('map-jsonl', { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'JSONL', MaxItems: 2 }, Parameters: { Bucket, Key: 'items/rows.jsonl' } }, {}));
await step('mapJson', () => runMap('map-json', { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'JSON' }, Parameters: { Bucket, Key: 'items/rows.json' } }, {}));
await step('mapListing', () => runMap('map-listing', { Resource: 'arn:aws:states:::s3:listObjectsV2', Parameters: { Bucket, Prefix: 'list/', MaxKeys: 2 } }, {}));
await step('mapMissing', () => runMap('map-missing', { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'JSON' }, Parameters: { Bucket, Key: 'items/none.json' } }, {}));

// ---- delete ----
await step('deleteBucketNotEmpty', () => send('DeleteBucket', { Bucket }));
await step('deleteObject', async () => {
  const r = await send('DeleteObject', { Bucket, Key: 'docs/hello.txt' });
  let after;
  try { await send('HeadObject', { Bucket, Key: 'docs/hello.txt' }); after = 'found'; } catch (e) { after = e.name; }
  return { status: r.$metadata.httpStatusCode, after };
});
await step('deleteMissingObject', async () => (await send('DeleteObject', { Bucket, Key: 'never/was' })).$metadata.httpStatusCode);
await step('deleteObjects', async () => {
  const r = await send('DeleteObjects', { Bucket, Delete: { Objects: [{ Key: 'list/a/1' }, { Key: 'list/a/2' }, { Key: 'never/was' }] } });
  const left = await send('ListObjectsV2', { Bucket, Prefix: 'list/a/' });
  return { deleted: (r.Deleted ?? []).map(d => d.Key), errors: r.Errors ?? [], left: left.KeyCount };
});
await step('emptyAndDeleteBucket', async () => {
  let token, n = 0;
  do {
    const r = await send('ListObjectsV2', { Bucket, ContinuationToken: token });
    if (r.Contents?.length) {
      await send('DeleteObjects', { Bucket, Delete: { Objects: r.Contents.map(c => ({ Key: c.Key })), Quiet: true } });
      n += r.Contents.length;
    }
    token = r.NextContinuationToken;
  } while (token);
  const d = await send('DeleteBucket', { Bucket });
  let after;
  try { await send('HeadBucket', { Bucket }); after = 'found'; } catch (e) { after = e.name; }
  return { deletedObjects: n, status: d.$metadata.httpStatusCode, after };
});
await step('deleteMissingBucket', () => send('DeleteBucket', { Bucket: 'no-such-bucket-here' }));

console.log(JSON.stringify(out));
