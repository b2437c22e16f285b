// Drives a running Quickstep server's SQS API with the official AWS SDK for JavaScript (v3) and prints one
// JSON object: for every step, what the C# test (SqsSdkTests) asserts, or {error, code, message, status}.
// usage: node sqs-scenario.mjs http://127.0.0.1:PORT   (the SDK is resolved from ../sdk/node_modules)
import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';

const require = createRequire(new URL('../sdk/package.json', import.meta.url));
const sqs = require('@aws-sdk/client-sqs');

const endpoint = process.argv[2];
const client = new sqs.SQSClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 });
const send = (name, input) => client.send(new sqs[`${name}Command`](input));
const out = {};
const step = async (name, fn) => {
  try {
    out[name] = await fn();
  } catch (e) {
    out[name] = { error: e.name, code: e.Code, type: e.Type, message: e.message, status: e.$metadata?.httpStatusCode };
  }
  return out[name];
};
const sleep = ms => new Promise(r => setTimeout(r, ms));
const url = async name => (await send('GetQueueUrl', { QueueName: name })).QueueUrl;

// The attribute digest as SQS documents it, computed here independently of the server.
const md5OfAttributes = attrs => {
  const parts = [];
  const lenPrefixed = b => { const l = Buffer.alloc(4); l.writeUInt32BE(b.length); parts.push(l, b); };
  for (const name of Object.keys(attrs).sort()) {
    const a = attrs[name];
    lenPrefixed(Buffer.from(name, 'utf8'));
    lenPrefixed(Buffer.from(a.DataType, 'utf8'));
    if (a.BinaryValue !== undefined) { parts.push(Buffer.from([2])); lenPrefixed(Buffer.from(a.BinaryValue)); }
    else { parts.push(Buffer.from([1])); lenPrefixed(Buffer.from(a.StringValue, 'utf8')); }
  }
  return createHash('md5').update(Buffer.concat(parts)).digest('hex');
};

// ---- queues ----
await step('create', async () => (await send('CreateQueue', { QueueName: 'std', Attributes: { VisibilityTimeout: '30', DelaySeconds: '0' }, tags: { team: 'a' } })).QueueUrl);
const std = out.create;
await step('createSame', async () => (await send('CreateQueue', { QueueName: 'std', Attributes: { VisibilityTimeout: '30' } })).QueueUrl);
await step('createConflict', () => send('CreateQueue', { QueueName: 'std', Attributes: { VisibilityTimeout: '45' } }));
await step('createBadName', () => send('CreateQueue', { QueueName: 'bad name!' }));
await step('createBadValue', () => send('CreateQueue', { QueueName: 'badvalue', Attributes: { VisibilityTimeout: '99999' } }));
await step('createUnknownAttribute', () => send('CreateQueue', { QueueName: 'badattr', Attributes: { Colour: 'blue' } }));
await step('createFifoAttributeOnStandard', () => send('CreateQueue', { QueueName: 'badattr2', Attributes: { ContentBasedDeduplication: 'true' } }));
await step('getQueueUrl', () => url('std'));
await step('getQueueUrlMissing', () => send('GetQueueUrl', { QueueName: 'nope' }));
for (const n of ['page-a', 'page-b', 'page-c']) await send('CreateQueue', { QueueName: n });
await step('listPrefix', async () => (await send('ListQueues', { QueueNamePrefix: 'page-' })).QueueUrls);
await step('listPaged', async () => {
  const first = await send('ListQueues', { QueueNamePrefix: 'page-', MaxResults: 2 });
  const second = await send('ListQueues', { QueueNamePrefix: 'page-', MaxResults: 2, NextToken: first.NextToken });
  return { first: first.QueueUrls, token: typeof first.NextToken, second: second.QueueUrls, end: second.NextToken ?? null };
});
await step('listNone', async () => (await send('ListQueues', { QueueNamePrefix: 'zzz' })).QueueUrls ?? null);

// ---- send and receive ----
const attrs = {
  category: { DataType: 'String', StringValue: 'test' },
  ordinal: { DataType: 'Number', StringValue: '1' },
};
await step('send', async () => {
  const r = await send('SendMessage', { QueueUrl: std, MessageBody: 'This is a test message', MessageAttributes: attrs });
  return { messageId: r.MessageId, md5Body: r.MD5OfMessageBody, md5Attributes: r.MD5OfMessageAttributes, sequenceNumber: r.SequenceNumber ?? null };
});
await step('sendSeller', async () => (await send('SendMessage', { QueueUrl: std, MessageBody: 'x', MessageAttributes: { SellerName: { DataType: 'String', StringValue: 'Example Store' } } })).MD5OfMessageAttributes);
const binary = { blob: { DataType: 'Binary', BinaryValue: new Uint8Array([0, 1, 2, 250]) }, 'note.custom': { DataType: 'String.custom', StringValue: 'é ✓' } };
await step('sendBinary', async () => {
  const r = await send('SendMessage', { QueueUrl: std, MessageBody: 'binary', MessageAttributes: binary, MessageSystemAttributes: { AWSTraceHeader: { DataType: 'String', StringValue: 'Root=1-abc' } } });
  return { md5: r.MD5OfMessageAttributes, expected: md5OfAttributes(binary), system: r.MD5OfMessageSystemAttributes, expectedSystem: md5OfAttributes({ AWSTraceHeader: { DataType: 'String', StringValue: 'Root=1-abc' } }) };
});
await step('attributesAfterSend', async () => (await send('GetQueueAttributes', { QueueUrl: std, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'QueueArn'] })).Attributes);
await step('receive', async () => {
  const r = await send('ReceiveMessage', { QueueUrl: std, MaxNumberOfMessages: 10, MessageSystemAttributeNames: ['All'], MessageAttributeNames: ['All'] });
  return r.Messages.map(m => ({
    body: m.Body, messageId: m.MessageId, md5Body: m.MD5OfBody, md5Attributes: m.MD5OfMessageAttributes ?? null,
    expectedMd5: m.MessageAttributes ? md5OfAttributes(m.MessageAttributes) : null,
    attributeNames: Object.keys(m.MessageAttributes ?? {}), receiveCount: m.Attributes.ApproximateReceiveCount,
    sent: /^[0-9]{13}$/.test(m.Attributes.SentTimestamp), firstReceive: /^[0-9]{13}$/.test(m.Attributes.ApproximateFirstReceiveTimestamp),
    senderId: m.Attributes.SenderId, trace: m.Attributes.AWSTraceHeader ?? null, handle: m.ReceiptHandle,
    binary: m.MessageAttributes?.blob ? Array.from(m.MessageAttributes.blob.BinaryValue) : null,
  }));
});
const received = out.receive;
await step('attributesInFlight', async () => (await send('GetQueueAttributes', { QueueUrl: std, AttributeNames: ['All'] })).Attributes);
await step('receiveEmpty', async () => (await send('ReceiveMessage', { QueueUrl: std })).Messages ?? null);
// Visible again at once with a visibility timeout of 0; now only the attributes under a prefix and one by name.
await step('changeVisibility', async () => {
  const first = received.find(m => m.body === 'This is a test message');
  await send('ChangeMessageVisibility', { QueueUrl: std, ReceiptHandle: first.handle, VisibilityTimeout: 0 });
  const r = await send('ReceiveMessage', { QueueUrl: std, MessageSystemAttributeNames: ['ApproximateReceiveCount'], MessageAttributeNames: ['ordinal'] });
  const m = r.Messages[0];
  const old = await step('deleteWithOldHandle', () => send('DeleteMessage', { QueueUrl: std, ReceiptHandle: first.handle }).then(() => 'ok'));
  const stillThere = (await send('GetQueueAttributes', { QueueUrl: std, AttributeNames: ['ApproximateNumberOfMessagesNotVisible'] })).Attributes.ApproximateNumberOfMessagesNotVisible;
  await send('DeleteMessage', { QueueUrl: std, ReceiptHandle: m.ReceiptHandle });
  return { body: m.Body, receiveCount: m.Attributes.ApproximateReceiveCount, attributeNames: Object.keys(m.MessageAttributes), md5: m.MD5OfMessageAttributes, expected: md5OfAttributes(m.MessageAttributes), old, stillThere };
});
await step('changeVisibilityBadHandle', () => send('ChangeMessageVisibility', { QueueUrl: std, ReceiptHandle: 'not-a-handle', VisibilityTimeout: 10 }));
await step('deleteBadHandle', () => send('DeleteMessage', { QueueUrl: std, ReceiptHandle: 'not-a-handle' }));
await step('changeVisibilityBatch', async () => {
  const rest = received.filter(m => m.body !== 'This is a test message');
  const r = await send('ChangeMessageVisibilityBatch', { QueueUrl: std, Entries: [...rest.map((m, i) => ({ Id: `e${i}`, ReceiptHandle: m.handle, VisibilityTimeout: 0 })), { Id: 'bad', ReceiptHandle: 'junk', VisibilityTimeout: 0 }] });
  return { ok: r.Successful.map(e => e.Id), failed: r.Failed.map(e => `${e.Id}:${e.Code}:${e.SenderFault}`) };
});
await step('deleteBatch', async () => {
  const r = await send('ReceiveMessage', { QueueUrl: std, MaxNumberOfMessages: 10 });
  const d = await send('DeleteMessageBatch', { QueueUrl: std, Entries: [...r.Messages.map((m, i) => ({ Id: `d${i}`, ReceiptHandle: m.ReceiptHandle })), { Id: 'bad', ReceiptHandle: 'junk' }] });
  const left = (await send('GetQueueAttributes', { QueueUrl: std, AttributeNames: ['All'] })).Attributes;
  return { received: r.Messages.length, ok: d.Successful.length, failed: d.Failed.map(e => `${e.Id}:${e.Code}`), visible: left.ApproximateNumberOfMessages, notVisible: left.ApproximateNumberOfMessagesNotVisible };
});

// ---- batches and bad input ----
await step('sendBatch', async () => {
  const r = await send('SendMessageBatch', { QueueUrl: std, Entries: [
    { Id: 'a', MessageBody: 'one', MessageAttributes: attrs },
    { Id: 'b', MessageBody: 'two', DelaySeconds: 0 },
    { Id: 'c', MessageBody: 'three', MessageAttributes: { 'AWS.reserved': { DataType: 'String', StringValue: 'x' } } },
  ] });
  return { ok: r.Successful.map(e => `${e.Id}:${e.MD5OfMessageBody}:${e.MD5OfMessageAttributes ?? ''}`), failed: r.Failed.map(e => `${e.Id}:${e.Code}:${e.SenderFault}`) };
});
const entries = n => Array.from({ length: n }, (_, i) => ({ Id: `m${i}`, MessageBody: `b${i}` }));
await step('batchTooMany', () => send('SendMessageBatch', { QueueUrl: std, Entries: entries(11) }));
await step('batchEmpty', () => send('SendMessageBatch', { QueueUrl: std, Entries: [] }));
await step('batchDuplicateIds', () => send('SendMessageBatch', { QueueUrl: std, Entries: [{ Id: 'x', MessageBody: '1' }, { Id: 'x', MessageBody: '2' }] }));
await step('batchBadId', () => send('SendMessageBatch', { QueueUrl: std, Entries: [{ Id: 'no spaces', MessageBody: '1' }] }));
await step('deleteBatchTooMany', () => send('DeleteMessageBatch', { QueueUrl: std, Entries: Array.from({ length: 11 }, (_, i) => ({ Id: `d${i}`, ReceiptHandle: 'x' })) }));
await step('tooLarge', () => send('SendMessage', { QueueUrl: std, MessageBody: 'x'.repeat(262145) }));
await step('largest', async () => (await send('SendMessage', { QueueUrl: std, MessageBody: 'x'.repeat(262144) })).MD5OfMessageBody);
await step('badCharacters', () => send('SendMessage', { QueueUrl: std, MessageBody: 'a\u0000b' }));
await step('badAttributeName', () => send('SendMessage', { QueueUrl: std, MessageBody: 'x', MessageAttributes: { 'bad name': { DataType: 'String', StringValue: 'v' } } }));
await step('badAttributeType', () => send('SendMessage', { QueueUrl: std, MessageBody: 'x', MessageAttributes: { a: { DataType: 'Decimal', StringValue: '1' } } }));
await step('badNumber', () => send('SendMessage', { QueueUrl: std, MessageBody: 'x', MessageAttributes: { a: { DataType: 'Number', StringValue: 'one' } } }));
await step('badMaxMessages', () => send('ReceiveMessage', { QueueUrl: std, MaxNumberOfMessages: 11 }));
await step('badWait', () => send('ReceiveMessage', { QueueUrl: std, WaitTimeSeconds: 21 }));
await step('sendMissingQueue', () => send('SendMessage', { QueueUrl: std.replace('/std', '/nope'), MessageBody: 'x' }));
await step('dedupOnStandard', () => send('SendMessage', { QueueUrl: std, MessageBody: 'x', MessageDeduplicationId: 'd' }));
await step('unknownOperation', async () => {
  const r = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AmazonSQS.Frobnicate' }, body: '{}' });
  return { status: r.status, type: (await r.json()).__type };
});

// ---- delay and long polling ----
await send('CreateQueue', { QueueName: 'poll' });
const poll = await url('poll');
await step('delayed', async () => {
  await send('SendMessage', { QueueUrl: poll, MessageBody: 'later', DelaySeconds: 1 });
  const counts = (await send('GetQueueAttributes', { QueueUrl: poll, AttributeNames: ['ApproximateNumberOfMessagesDelayed', 'ApproximateNumberOfMessages'] })).Attributes;
  const now = (await send('ReceiveMessage', { QueueUrl: poll })).Messages ?? [];
  const t0 = Date.now();
  const waited = await send('ReceiveMessage', { QueueUrl: poll, WaitTimeSeconds: 5 });
  const ms = Date.now() - t0;
  await send('DeleteMessage', { QueueUrl: poll, ReceiptHandle: waited.Messages[0].ReceiptHandle });
  return { delayed: counts.ApproximateNumberOfMessagesDelayed, visible: counts.ApproximateNumberOfMessages, immediately: now.length, body: waited.Messages[0].Body, ms };
});
await step('longPoll', async () => {
  const t0 = Date.now();
  const receiving = send('ReceiveMessage', { QueueUrl: poll, WaitTimeSeconds: 10 });
  await sleep(300);
  await send('SendMessage', { QueueUrl: poll, MessageBody: 'wake up' });
  const r = await receiving;
  return { body: r.Messages?.[0]?.Body ?? null, ms: Date.now() - t0 };
});
await step('longPollTimeout', async () => {
  const t0 = Date.now();
  const r = await send('ReceiveMessage', { QueueUrl: poll, WaitTimeSeconds: 1 });
  return { messages: r.Messages?.length ?? 0, ms: Date.now() - t0 };
});

// ---- dead-letter queue ----
await send('CreateQueue', { QueueName: 'dlq' });
const dlqArn = (await send('GetQueueAttributes', { QueueUrl: await url('dlq'), AttributeNames: ['QueueArn'] })).Attributes.QueueArn;
await step('redriveMissingTarget', () => send('CreateQueue', { QueueName: 'src-bad', Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn + 'x', maxReceiveCount: 2 }) } }));
await step('deadLetter', async () => {
  const src = (await send('CreateQueue', { QueueName: 'src', Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: '2' }) } })).QueueUrl;
  const sent = await send('SendMessage', { QueueUrl: src, MessageBody: 'poison' });
  const counts = [];
  for (let i = 0; i < 3; i++) {
    const r = await send('ReceiveMessage', { QueueUrl: src, VisibilityTimeout: 0, MessageSystemAttributeNames: ['ApproximateReceiveCount'] });
    counts.push(r.Messages?.[0]?.Attributes.ApproximateReceiveCount ?? null);
  }
  const d = await send('ReceiveMessage', { QueueUrl: await url('dlq'), MessageSystemAttributeNames: ['All'] });
  const m = d.Messages[0];
  const policy = (await send('GetQueueAttributes', { QueueUrl: src, AttributeNames: ['RedrivePolicy'] })).Attributes.RedrivePolicy;
  const sources = (await send('ListDeadLetterSourceQueues', { QueueUrl: await url('dlq') })).queueUrls;
  return { counts, sameId: m.MessageId === sent.MessageId, body: m.Body, source: m.Attributes.DeadLetterQueueSourceArn, policy, sources };
});

// ---- FIFO ----
await step('fifoBadName', () => send('CreateQueue', { QueueName: 'nofifosuffix', Attributes: { FifoQueue: 'true' } }));
await step('fifo', async () => {
  const f = (await send('CreateQueue', { QueueName: 'orders.fifo', Attributes: { FifoQueue: 'true' } })).QueueUrl;
  const s = (body, group, dedup) => send('SendMessage', { QueueUrl: f, MessageBody: body, MessageGroupId: group, MessageDeduplicationId: dedup });
  const a1 = await s('a1', 'g1', 'a1'); await s('a2', 'g1', 'a2'); await s('b1', 'g2', 'b1'); await s('a3', 'g1', 'a3');
  const dup = await s('a1 again', 'g1', 'a1');
  const first = await send('ReceiveMessage', { QueueUrl: f, MaxNumberOfMessages: 10, MessageSystemAttributeNames: ['All'] });
  const second = await send('ReceiveMessage', { QueueUrl: f, MaxNumberOfMessages: 10 });
  for (const m of first.Messages.filter(m => m.Attributes.MessageGroupId === 'g1')) await send('DeleteMessage', { QueueUrl: f, ReceiptHandle: m.ReceiptHandle });
  await s('a4', 'g1', 'a4');
  const third = await send('ReceiveMessage', { QueueUrl: f, MaxNumberOfMessages: 10 });
  const seqs = first.Messages.map(m => BigInt(m.Attributes.SequenceNumber));
  return {
    sequenceNumber: typeof a1.SequenceNumber, duplicateId: dup.MessageId === a1.MessageId, duplicateSeq: dup.SequenceNumber === a1.SequenceNumber,
    first: first.Messages.map(m => m.Body), groups: first.Messages.map(m => m.Attributes.MessageGroupId), dedup: first.Messages.map(m => m.Attributes.MessageDeduplicationId),
    increasing: seqs.every((v, i) => i === 0 || v > seqs[i - 1] || first.Messages[i].Attributes.MessageGroupId !== first.Messages[i - 1].Attributes.MessageGroupId),
    second: second.Messages?.map(m => m.Body) ?? [], third: third.Messages?.map(m => m.Body) ?? [],
  };
});
const fifo = await url('orders.fifo');
await step('fifoNoGroup', () => send('SendMessage', { QueueUrl: fifo, MessageBody: 'x', MessageDeduplicationId: 'x' }));
await step('fifoNoDedup', () => send('SendMessage', { QueueUrl: fifo, MessageBody: 'x', MessageGroupId: 'g' }));
await step('fifoDelay', () => send('SendMessage', { QueueUrl: fifo, MessageBody: 'x', MessageGroupId: 'g', MessageDeduplicationId: 'y', DelaySeconds: 5 }));
await step('contentDedup', async () => {
  const f = (await send('CreateQueue', { QueueName: 'cbd.fifo', Attributes: { FifoQueue: 'true', ContentBasedDeduplication: 'true' } })).QueueUrl;
  const a = await send('SendMessage', { QueueUrl: f, MessageBody: 'same', MessageGroupId: 'g' });
  const b = await send('SendMessage', { QueueUrl: f, MessageBody: 'same', MessageGroupId: 'g' });
  const c = await send('SendMessageBatch', { QueueUrl: f, Entries: [{ Id: 'x', MessageBody: 'other', MessageGroupId: 'g' }] });
  const n = (await send('GetQueueAttributes', { QueueUrl: f, AttributeNames: ['ApproximateNumberOfMessages'] })).Attributes.ApproximateNumberOfMessages;
  const all = (await send('GetQueueAttributes', { QueueUrl: f, AttributeNames: ['All'] })).Attributes;
  return { same: a.MessageId === b.MessageId, batchSeq: typeof c.Successful[0].SequenceNumber, count: n, fifoQueue: all.FifoQueue, cbd: all.ContentBasedDeduplication };
});

// ---- attributes, tags, purge, delete ----
await step('setAttributes', async () => {
  await send('SetQueueAttributes', { QueueUrl: std, Attributes: { VisibilityTimeout: '60', DelaySeconds: '2', MaximumMessageSize: '2048' } });
  return (await send('GetQueueAttributes', { QueueUrl: std, AttributeNames: ['VisibilityTimeout', 'DelaySeconds', 'MaximumMessageSize'] })).Attributes;
});
await step('setBadAttribute', () => send('SetQueueAttributes', { QueueUrl: std, Attributes: { MessageRetentionPeriod: '10' } }));
await step('setFifoOnStandard', () => send('SetQueueAttributes', { QueueUrl: std, Attributes: { FifoQueue: 'true' } }));
await step('getUnknownAttribute', () => send('GetQueueAttributes', { QueueUrl: std, AttributeNames: ['Colour'] }));
await step('tooLargeForQueue', () => send('SendMessage', { QueueUrl: std, MessageBody: 'x'.repeat(2049) }));
await step('tags', async () => {
  await send('TagQueue', { QueueUrl: std, Tags: { env: 'dev', owner: 'me' } });
  const before = (await send('ListQueueTags', { QueueUrl: std })).Tags;
  await send('UntagQueue', { QueueUrl: std, TagKeys: ['owner', 'team'] });
  const after = (await send('ListQueueTags', { QueueUrl: std })).Tags;
  return { before, after };
});
await step('purge', async () => {
  await send('SendMessage', { QueueUrl: poll, MessageBody: 'p' });
  await send('PurgeQueue', { QueueUrl: poll });
  const n = (await send('GetQueueAttributes', { QueueUrl: poll, AttributeNames: ['ApproximateNumberOfMessages'] })).Attributes.ApproximateNumberOfMessages;
  return n;
});
await step('purgeAgain', () => send('PurgeQueue', { QueueUrl: poll }));
await step('deleteQueue', async () => {
  await send('DeleteQueue', { QueueUrl: await url('page-c') });
  const list = (await send('ListQueues', { QueueNamePrefix: 'page-' })).QueueUrls;
  return list;
});
await step('afterDelete', () => send('GetQueueAttributes', { QueueUrl: endpoint + '/123456789012/page-c', AttributeNames: ['All'] }));
await step('recreateTooSoon', () => send('CreateQueue', { QueueName: 'page-c' }));

console.log(JSON.stringify(out));
