// Two Quickstep nodes on one PostgreSQL database, driven with the official AWS SDK for JavaScript (@aws-sdk/client-s3,
// path-style): objects put, uploaded in parts, copied, listed and deleted through one node are read through the other,
// byte for byte (SHA-256 compared), and an aws-sdk:s3:getObject Task on one node reads what the other stored.
// Prints one JSON object: for every step, the fields the C# test asserts, or {error, status}.
// usage: node cluster-s3.mjs http://127.0.0.1:PORT_A http://127.0.0.1:PORT_B
import * as s3 from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { clientConfig, recorder, stepFunctions } from './common.mjs';

const [a, b] = [process.argv[2], process.argv[3]];
const clientOf = endpoint => new s3.S3Client({ ...clientConfig(endpoint), forcePathStyle: true });
const nodes = { a: clientOf(a), b: clientOf(b) };
const send = (node, name, input) => nodes[node].send(new s3[`${name}Command`](input));
const { out, step } = recorder();
const sha = buf => createHash('sha256').update(buf).digest('hex');
const bytes = async body => Buffer.from(await body.transformToByteArray());
// Deterministic bytes that differ at every offset of a chunk (no repeating 1 MiB pattern).
const pattern = (length, seed) => {
  const buf = Buffer.alloc(length);
  let x = seed >>> 0;
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    buf[i] = x >>> 24;
  }
  return buf;
};
const Bucket = 'qs-cluster-s3';

await step('createOnA', async () => (await send('a', 'CreateBucket', { Bucket })).$metadata.httpStatusCode);
await step('headBucketOnB', async () => (await send('b', 'HeadBucket', { Bucket })).$metadata.httpStatusCode);

// A small object with metadata, put through A, read through B.
await step('smallPutOnA', async () => (await send('a', 'PutObject', { Bucket, Key: 'small.txt', Body: 'hello from node a', ContentType: 'text/plain', Metadata: { from: 'a' } })).ETag);
await step('smallGetOnB', async () => {
  const r = await send('b', 'GetObject', { Bucket, Key: 'small.txt' });
  return { body: (await bytes(r.Body)).toString(), etag: r.ETag, contentType: r.ContentType, metadata: r.Metadata };
});

// A few MB in one PUT through A: whole, ranges across the database's 1 MiB chunks and a suffix, through B.
const big = pattern(6 * 1024 * 1024 + 4321, 7);
await step('bigPutOnA', async () => ({ etag: (await send('a', 'PutObject', { Bucket, Key: 'big.bin', Body: big })).ETag, md5: `"${createHash('md5').update(big).digest('hex')}"` }));
await step('bigGetOnB', async () => {
  const r = await send('b', 'GetObject', { Bucket, Key: 'big.bin' });
  const got = await bytes(r.Body);
  return { length: got.length, sha: sha(got), expected: sha(big), contentLength: r.ContentLength };
});
const ranges = [[1048570, 1048585], [0, 0], [2 * 1048576, 3 * 1048576 + 9], [big.length - 1, big.length - 1]];
await step('rangesOnB', async () => {
  const results = [];
  for (const [from, to] of ranges) {
    const r = await send('b', 'GetObject', { Bucket, Key: 'big.bin', Range: `bytes=${from}-${to}` });
    const got = await bytes(r.Body);
    results.push({ same: got.equals(big.subarray(from, to + 1)), contentRange: r.ContentRange, status: r.$metadata.httpStatusCode });
  }
  const suffix = await bytes((await send('b', 'GetObject', { Bucket, Key: 'big.bin', Range: 'bytes=-100' })).Body);
  results.push({ same: suffix.equals(big.subarray(big.length - 100)) });
  return results;
});
await step('bigHeadOnB', async () => {
  const r = await send('b', 'HeadObject', { Bucket, Key: 'big.bin' });
  return { length: r.ContentLength, etag: r.ETag };
});

// A multipart upload created through B, its parts sent through both nodes, completed through A, read through B.
const part1 = pattern(5 * 1024 * 1024, 11);
const part2 = pattern(3 * 1024 * 1024 + 17, 13);
const joined = Buffer.concat([part1, part2]);
await step('multipart', async () => {
  const Key = 'parts/joined.bin';
  const { UploadId } = await send('b', 'CreateMultipartUpload', { Bucket, Key, ContentType: 'application/x-joined' });
  const u1 = await send('a', 'UploadPart', { Bucket, Key, UploadId, PartNumber: 1, Body: part1 });
  const u2 = await send('b', 'UploadPart', { Bucket, Key, UploadId, PartNumber: 2, Body: part2 });
  const done = await send('a', 'CompleteMultipartUpload', { Bucket, Key, UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: u1.ETag }, { PartNumber: 2, ETag: u2.ETag }] } });
  const r = await send('b', 'GetObject', { Bucket, Key });
  const got = await bytes(r.Body);
  return { length: got.length, etag: done.ETag, sha: sha(got), expected: sha(joined), contentType: r.ContentType };
});

// A copy made through B of what A stored, read through A.
await step('copyOnB', async () => {
  await send('b', 'CopyObject', { Bucket, Key: 'copies/big.bin', CopySource: `${Bucket}/big.bin` });
  const got = await bytes((await send('a', 'GetObject', { Bucket, Key: 'copies/big.bin' })).Body);
  return { sha: sha(got), expected: sha(big) };
});

// A key replaced through B is read back new through A.
await step('replaceOnB', async () => {
  await send('b', 'PutObject', { Bucket, Key: 'small.txt', Body: 'replaced on node b' });
  return (await bytes((await send('a', 'GetObject', { Bucket, Key: 'small.txt' })).Body)).toString();
});

await step('listOnA', async () => (await send('a', 'ListObjectsV2', { Bucket })).Contents.map(o => `${o.Key}:${o.Size}`));

// An aws-sdk:s3:getObject Task in an execution that runs on B reads the object A stored.
await step('taskOnB', async () => {
  const sfnA = await stepFunctions(a);
  const sfnB = await stepFunctions(b);
  const definition = JSON.stringify({
    StartAt: 'Get',
    States: { Get: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:s3:getObject', Parameters: { Bucket, Key: 'task.txt' }, ResultSelector: { 'body.$': '$.Body' }, End: true } },
  });
  await send('a', 'PutObject', { Bucket, Key: 'task.txt', Body: 'read by a task on node b' });
  const { stateMachineArn } = await sfnA.send('CreateStateMachine', { name: 'cluster-s3-get', definition, roleArn: 'arn:aws:iam::123456789012:role/r', type: 'EXPRESS' });
  const r = await sfnB.send('StartSyncExecution', { stateMachineArn, input: '{}' });
  return { status: r.status, output: r.output, error: r.error, cause: r.cause };
});

// Deleted through one node, gone through the other.
await step('deleteOnB', async () => {
  await send('b', 'DeleteObject', { Bucket, Key: 'big.bin' });
  try {
    await send('a', 'GetObject', { Bucket, Key: 'big.bin' });
    return 'still there';
  } catch (e) {
    return e.name;
  }
});
await step('deleteManyOnA', async () => {
  const r = await send('a', 'DeleteObjects', { Bucket, Delete: { Objects: ['small.txt', 'parts/joined.bin', 'copies/big.bin', 'task.txt'].map(Key => ({ Key })) } });
  return r.Deleted.length;
});
await step('listOnBAfter', async () => (await send('b', 'ListObjectsV2', { Bucket })).KeyCount);
await step('deleteBucketOnB', async () => (await send('b', 'DeleteBucket', { Bucket })).$metadata.httpStatusCode);

console.log(JSON.stringify(out));
