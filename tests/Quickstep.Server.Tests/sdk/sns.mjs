// Drives a running Quickstep server's SNS with the official AWS SDK for JavaScript (v3) and prints one JSON
// object: per step, the fields the C# test asserts, or {error, message, status}. Starts a small HTTP listener
// for an http subscription (confirmation handshake, then a notification).
// usage: node sns.mjs http://127.0.0.1:PORT
import * as sns from '@aws-sdk/client-sns';
import http from 'node:http';

const endpoint = process.argv[2];
const client = new sns.SNSClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 });
const send = (name, input) => client.send(new sns[`${name}Command`](input));
const out = {};
const step = async (name, fn) => {
  try {
    out[name] = await fn();
  } catch (e) {
    out[name] = { error: e.name, code: e.Code ?? e.Error?.Code ?? null, message: e.message, status: e.$metadata?.httpStatusCode };
  }
  return out[name];
};
const sleep = ms => new Promise(r => setTimeout(r, ms));
const waitFor = async (cond, ms = 10000) => {
  for (let t = 0; t < ms; t += 50) {
    if (cond()) return true;
    await sleep(50);
  }
  return false;
};
const qarn = n => `arn:aws:sqs:us-east-1:123456789012:${n}`;

// ---- an HTTP subscriber ----
const received = [];
const listener = http.createServer((req, res) => {
  let body = '';
  req.on('data', c => (body += c));
  req.on('end', () => {
    received.push({ path: req.url, headers: req.headers, body });
    res.writeHead(200);
    res.end();
  });
});
await new Promise(r => listener.listen(0, '127.0.0.1', r));
const hook = `http://127.0.0.1:${listener.address().port}/hook`;

// ---- topics ----
const topic = (await step('create', () => send('CreateTopic', { Name: 'orders', Attributes: { DisplayName: 'Orders' }, Tags: [{ Key: 'team', Value: 'a' }] }))).TopicArn;
await step('createSame', async () => (await send('CreateTopic', { Name: 'orders', Attributes: { DisplayName: 'Orders' } })).TopicArn);
await step('createConflict', () => send('CreateTopic', { Name: 'orders', Attributes: { DisplayName: 'Other' } }));
await step('createBadName', () => send('CreateTopic', { Name: 'bad name' }));
await step('createBadAttribute', () => send('CreateTopic', { Name: 'x', Attributes: { Nope: '1' } }));
const fifo = (await step('createFifo', () => send('CreateTopic', { Name: 'orders.fifo', Attributes: { FifoTopic: 'true', ContentBasedDeduplication: 'true' } }))).TopicArn;
await step('createFifoBadName', () => send('CreateTopic', { Name: 'nofifo', Attributes: { FifoTopic: 'true' } }));
await send('CreateTopic', { Name: 'spare' });
await step('listTopics', async () => (await send('ListTopics', {})).Topics.map(t => t.TopicArn));
await step('getAttributes', async () => (await send('GetTopicAttributes', { TopicArn: topic })).Attributes);
await step('getAttributesMissing', () => send('GetTopicAttributes', { TopicArn: 'arn:aws:sns:us-east-1:123456789012:nope' }));
await step('setAttribute', async () => {
  await send('SetTopicAttributes', { TopicArn: topic, AttributeName: 'DisplayName', AttributeValue: 'Orders!' });
  return (await send('GetTopicAttributes', { TopicArn: topic })).Attributes.DisplayName;
});
await step('setAttributeBad', () => send('SetTopicAttributes', { TopicArn: topic, AttributeName: 'Nope', AttributeValue: '1' }));
await step('getFifoAttributes', async () => (await send('GetTopicAttributes', { TopicArn: fifo })).Attributes);

// ---- tags ----
await step('tags', async () => {
  await send('TagResource', { ResourceArn: topic, Tags: [{ Key: 'env', Value: 'dev' }, { Key: 'team', Value: 'b' }] });
  const after = (await send('ListTagsForResource', { ResourceArn: topic })).Tags;
  await send('UntagResource', { ResourceArn: topic, TagKeys: ['env'] });
  const untagged = (await send('ListTagsForResource', { ResourceArn: topic })).Tags;
  return { after, untagged };
});
await step('tagMissing', () => send('ListTagsForResource', { ResourceArn: 'arn:aws:sns:us-east-1:123456789012:nope' }));

// ---- subscriptions ----
const subArn = async (name, input) => (await step(name, () => send('Subscribe', input))).SubscriptionArn;
const sEnvelope = await subArn('subscribeSqs', { TopicArn: topic, Protocol: 'sqs', Endpoint: qarn('q-envelope') });
await subArn('subscribeRaw', { TopicArn: topic, Protocol: 'sqs', Endpoint: qarn('q-raw'), Attributes: { RawMessageDelivery: 'true' } });
const sFiltered = await subArn('subscribeFiltered', { TopicArn: topic, Protocol: 'sqs', Endpoint: qarn('q-red'), Attributes: { FilterPolicy: JSON.stringify({ color: ['red'], size: [{ numeric: ['>', 3] }] }) } });
const sBody = await subArn('subscribeBody', { TopicArn: topic, Protocol: 'sqs', Endpoint: qarn('q-big'), Attributes: { FilterPolicy: JSON.stringify({ order: { kind: ['big'] } }), FilterPolicyScope: 'MessageBody' } });
await step('subscribeSame', async () => (await send('Subscribe', { TopicArn: topic, Protocol: 'sqs', Endpoint: qarn('q-envelope') })).SubscriptionArn);
await step('subscribeBadFilter', () => send('Subscribe', { TopicArn: topic, Protocol: 'sqs', Endpoint: qarn('q-x'), Attributes: { FilterPolicy: JSON.stringify({ color: 'red' }) } }));
await step('subscribeNestedAttributeFilter', () => send('Subscribe', { TopicArn: topic, Protocol: 'sqs', Endpoint: qarn('q-x'), Attributes: { FilterPolicy: JSON.stringify({ a: { b: ['c'] } }) } }));
await step('subscribeLambda', () => send('Subscribe', { TopicArn: topic, Protocol: 'lambda', Endpoint: 'arn:aws:lambda:us-east-1:123456789012:f' }));
await step('subscribeBadProtocol', () => send('Subscribe', { TopicArn: topic, Protocol: 'pigeon', Endpoint: 'x' }));
await step('subscribeFifoQueueToStandard', () => send('Subscribe', { TopicArn: topic, Protocol: 'sqs', Endpoint: qarn('q.fifo') }));
await step('subscribeMissingTopic', () => send('Subscribe', { TopicArn: 'arn:aws:sns:us-east-1:123456789012:nope', Protocol: 'sqs', Endpoint: qarn('q') }));
await subArn('subscribeFifo', { TopicArn: fifo, Protocol: 'sqs', Endpoint: qarn('q.fifo') });

// http: pending until the subscriber visits the SubscribeURL
await step('subscribeHttp', async () => (await send('Subscribe', { TopicArn: topic, Protocol: 'http', Endpoint: hook })).SubscriptionArn);
await step('confirmation', async () => {
  if (!(await waitFor(() => received.length >= 1))) return { timeout: true };
  const r = received[0];
  const body = JSON.parse(r.body);
  const pendingList = (await send('ListSubscriptionsByTopic', { TopicArn: topic })).Subscriptions.filter(s => s.Protocol === 'http').map(s => s.SubscriptionArn);
  const visit = await fetch(body.SubscribeURL);
  const xml = await visit.text();
  const confirmedArn = /<SubscriptionArn>([^<]*)<\/SubscriptionArn>/.exec(xml)?.[1] ?? null;
  const again = await step('confirmAgain', async () => (await send('ConfirmSubscription', { TopicArn: topic, Token: body.Token })).SubscriptionArn);
  return { path: r.path, type: r.headers['x-amz-sns-message-type'], topicHeader: r.headers['x-amz-sns-topic-arn'], contentType: r.headers['content-type'], body, pendingList, visitStatus: visit.status, confirmedArn, again };
});
await step('confirmBadToken', () => send('ConfirmSubscription', { TopicArn: topic, Token: 'nope' }));

// ---- publish ----
await step('publish', async () => (await send('Publish', { TopicArn: topic, Message: 'hello', Subject: 'greeting', MessageAttributes: {
  color: { DataType: 'String', StringValue: 'red' }, size: { DataType: 'Number', StringValue: '5' }, tags: { DataType: 'String.Array', StringValue: '["a","b"]' }, blob: { DataType: 'Binary', BinaryValue: new Uint8Array([1, 2, 3]) },
} })).MessageId);
await step('notification', async () => {
  if (!(await waitFor(() => received.length >= 2))) return { timeout: true };
  const r = received[1];
  return { type: r.headers['x-amz-sns-message-type'], messageId: r.headers['x-amz-sns-message-id'], topicHeader: r.headers['x-amz-sns-topic-arn'], subscriptionHeader: r.headers['x-amz-sns-subscription-arn'], userAgent: r.headers['user-agent'], body: JSON.parse(r.body) };
});
await step('publishBlue', async () => (await send('Publish', { TargetArn: topic, Message: JSON.stringify({ order: { kind: 'big' } }), MessageAttributes: { color: { DataType: 'String', StringValue: 'blue' } } })).MessageId);
await step('publishStructure', async () => (await send('Publish', { TopicArn: topic, MessageStructure: 'json', Message: JSON.stringify({ default: 'plain', sqs: 'for-queues' }) })).MessageId);
await step('publishNoDefault', () => send('Publish', { TopicArn: topic, MessageStructure: 'json', Message: JSON.stringify({ sqs: 'x' }) }));
await step('publishMissingTopic', () => send('Publish', { TopicArn: 'arn:aws:sns:us-east-1:123456789012:nope', Message: 'x' }));
await step('publishNoTarget', () => send('Publish', { Message: 'x' }));
await step('publishBadNumber', () => send('Publish', { TopicArn: topic, Message: 'x', MessageAttributes: { n: { DataType: 'Number', StringValue: 'abc' } } }));
await step('publishTooLong', () => send('Publish', { TopicArn: topic, Message: 'x'.repeat(262145) }));
await step('publishFifoNoGroup', () => send('Publish', { TopicArn: fifo, Message: 'x' }));
await step('publishFifo', async () => {
  const a = await send('Publish', { TopicArn: fifo, Message: 'same', MessageGroupId: 'g1' });
  const b = await send('Publish', { TopicArn: fifo, Message: 'same', MessageGroupId: 'g1' });
  const c = await send('Publish', { TopicArn: fifo, Message: 'other', MessageGroupId: 'g1', MessageDeduplicationId: 'd-1' });
  return { a, b, c };
});
await step('publishBatch', async () => {
  const r = await send('PublishBatch', { TopicArn: topic, PublishBatchRequestEntries: [
    { Id: 'one', Message: 'batch-1', MessageAttributes: { color: { DataType: 'String', StringValue: 'red' }, size: { DataType: 'Number', StringValue: '9' } } },
    { Id: 'two', Message: '' },
    { Id: 'three', Message: 'batch-3', Subject: 'third' },
  ] });
  return { Successful: r.Successful?.map(s => ({ Id: s.Id, MessageId: typeof s.MessageId === 'string' })), Failed: r.Failed };
});
await step('publishBatchDuplicateIds', () => send('PublishBatch', { TopicArn: topic, PublishBatchRequestEntries: [{ Id: 'a', Message: 'x' }, { Id: 'a', Message: 'y' }] }));
await step('publishBatchEmpty', () => send('PublishBatch', { TopicArn: topic, PublishBatchRequestEntries: [] }));
await step('publishBatchTooMany', () => send('PublishBatch', { TopicArn: topic, PublishBatchRequestEntries: Array.from({ length: 11 }, (_, i) => ({ Id: `e${i}`, Message: 'x' })) }));

// ---- subscription attributes ----
await step('getSubscriptionAttributes', async () => (await send('GetSubscriptionAttributes', { SubscriptionArn: sFiltered })).Attributes);
await step('setRawDelivery', async () => {
  await send('SetSubscriptionAttributes', { SubscriptionArn: sEnvelope, AttributeName: 'RawMessageDelivery', AttributeValue: 'true' });
  return (await send('GetSubscriptionAttributes', { SubscriptionArn: sEnvelope })).Attributes.RawMessageDelivery;
});
await step('setBadFilter', () => send('SetSubscriptionAttributes', { SubscriptionArn: sFiltered, AttributeName: 'FilterPolicy', AttributeValue: JSON.stringify({ color: [] }) }));
await step('setBadAttribute', () => send('SetSubscriptionAttributes', { SubscriptionArn: sFiltered, AttributeName: 'Nope', AttributeValue: 'x' }));
await step('getSubscriptionMissing', () => send('GetSubscriptionAttributes', { SubscriptionArn: topic + ':00000000-0000-0000-0000-000000000000' }));
await step('listSubscriptions', async () => (await send('ListSubscriptions', {})).Subscriptions.map(s => ({ Protocol: s.Protocol, Endpoint: s.Endpoint, TopicArn: s.TopicArn, Owner: s.Owner })));
await step('unsubscribe', async () => {
  await send('Unsubscribe', { SubscriptionArn: sBody });
  return (await send('ListSubscriptionsByTopic', { TopicArn: topic })).Subscriptions.map(s => s.Endpoint);
});
await step('unsubscribeMissing', () => send('Unsubscribe', { SubscriptionArn: sBody }));

// ---- delete ----
await step('deleteTopic', async () => {
  await send('DeleteTopic', { TopicArn: fifo });
  await send('DeleteTopic', { TopicArn: fifo });
  return (await send('ListTopics', {})).Topics.map(t => t.TopicArn);
});
await step('getDeleted', () => send('GetTopicAttributes', { TopicArn: fifo }));

listener.close();
console.log(JSON.stringify(out));
