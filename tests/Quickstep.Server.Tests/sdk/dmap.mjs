// A Distributed Map that reads its items from Quickstep's S3 (ItemReader: CSV, an S3 inventory manifest with a
// .csv.gz data file) and writes its results back (ResultWriter), driven with the official AWS SDK for JavaScript
// (@aws-sdk/client-s3, @aws-sdk/client-sfn); prints one JSON object of what each step saw, or {error, ...}.
// usage: node dmap.mjs http://127.0.0.1:PORT
import * as s3 from '@aws-sdk/client-s3';
import * as sfn from '@aws-sdk/client-sfn';
import { gzipSync } from 'node:zlib';

const endpoint = process.argv[2];
const credentials = { accessKeyId: 'x', secretAccessKey: 'x' };
const client = new s3.S3Client({ endpoint, region: 'us-east-1', credentials, forcePathStyle: true, maxAttempts: 1 });
const states = new sfn.SFNClient({ endpoint, region: 'us-east-1', credentials, disableHostPrefix: true, maxAttempts: 1 });
const send = (name, input) => client.send(new s3[`${name}Command`](input));
const text = async (Bucket, Key) => (await send('GetObject', { Bucket, Key })).Body.transformToString();
const out = {};
const step = async (name, fn) => {
  try {
    out[name] = await fn();
  } catch (e) {
    out[name] = { error: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
};

const Bucket = 'dmap-data';
const Results = 'dmap-results';
await send('CreateBucket', { Bucket });
await send('CreateBucket', { Bucket: Results });
await send('PutObject', { Bucket, Key: 'orders.csv', Body: 'id,qty\n1,2\n2,-1\n3,5\n' });

// Items below zero fail; the Map tolerates one failure.
const processor = { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' }, StartAt: 'Check', States: {
  Check: { Type: 'Choice', Choices: [{ Variable: '$.qty', StringMatches: '-*', Next: 'Reject' }], Default: 'Accept' },
  Reject: { Type: 'Fail', Error: 'BadQuantity', Cause: 'negative quantity' },
  Accept: { Type: 'Pass', Parameters: { 'order.$': '$.id', accepted: true }, End: true } } };
const create = async (name, map) => (await states.send(new sfn.CreateStateMachineCommand({
  name, definition: JSON.stringify({ StartAt: 'M', States: { M: { Type: 'Map', Label: 'Orders', ItemProcessor: processor, End: true, ...map } } }),
  roleArn: 'arn:aws:iam::123456789012:role/quickstep-test', type: 'EXPRESS' }))).stateMachineArn;
const run = async (stateMachineArn, input) => {
  const r = await states.send(new sfn.StartSyncExecutionCommand({ stateMachineArn, input: JSON.stringify(input) }));
  return r.status === 'SUCCEEDED' ? { status: r.status, output: JSON.parse(r.output) } : { status: r.status, error: r.error, cause: r.cause };
};
// Reads the manifest the output points at, and every result file it names.
const exported = async result => {
  if (result.status !== 'SUCCEEDED') return result;
  const { Bucket: b, Key: k } = result.output.ResultWriterDetails;
  const manifest = JSON.parse(await text(b, k));
  const files = {};
  for (const status of ['SUCCEEDED', 'FAILED', 'PENDING'])
    for (const f of manifest.ResultFiles[status]) files[f.Key] = { body: await text(b, f.Key), size: f.Size };
  return { ...result, manifest, files };
};

const reader = { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW' }, Parameters: { Bucket, Key: 'orders.csv' } };
await step('export', async () => exported(await run(await create('dmap-export', {
  ItemReader: reader, ToleratedFailureCount: 1,
  ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: Results, 'Prefix.$': '$.prefix' } } }), { prefix: 'runs' })));
await step('exportCompactJsonl', async () => exported(await run(await create('dmap-export-jsonl', {
  ItemReader: reader, ToleratedFailureCount: 1,
  ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: Results, Prefix: 'lines/' }, WriterConfig: { OutputType: 'JSONL', Transformation: 'COMPACT' } } }), {})));
await step('exportNoBucket', async () => run(await create('dmap-export-missing', {
  ItemReader: reader, ToleratedFailureCount: 1,
  ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'no-such-results', Prefix: 'x' } } }), {}));
await step('createBadWriter', () => create('dmap-bad-writer', { ItemReader: reader, ResultWriter: { Resource: 'arn:aws:states:::s3:getObject', Parameters: { Bucket: Results } } }));

// An S3 inventory: manifest.json naming a gzipped CSV data file in the destination bucket.
await send('PutObject', { Bucket, Key: 'inventory/data/part-0.csv.gz',
  Body: gzipSync('"photos","a.jpg","10","2026-01-01T00:00:00.000Z"\n"photos","b/c.jpg","20","2026-01-02T00:00:00.000Z"\n') });
await send('PutObject', { Bucket, Key: 'inventory/manifest.json', Body: JSON.stringify({
  sourceBucket: 'photos', destinationBucket: `arn:aws:s3:::${Bucket}`, version: '2016-11-30', creationTimestamp: '1767225600000',
  fileFormat: 'CSV', fileSchema: 'Bucket, Key, Size, LastModifiedDate', files: [{ key: 'inventory/data/part-0.csv.gz', size: 80, MD5checksum: '0' }] }) });
await send('PutObject', { Bucket, Key: 'inventory/broken.json', Body: '{"fileFormat":"CSV","files":[]}' });
const manifestMap = name => create(name, {
  ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'MANIFEST' }, Parameters: { Bucket, 'Key.$': '$.key' } },
  ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' }, StartAt: 'P', States: { P: { Type: 'Pass', End: true } } } });
const inventoryArn = await manifestMap('dmap-inventory');
await step('inventory', () => run(inventoryArn, { key: 'inventory/manifest.json' }));
await step('inventoryBroken', () => run(inventoryArn, { key: 'inventory/broken.json' }));

console.log(JSON.stringify(out));
