// Drives a running Quickstep server's EventBridge with the official AWS SDK for JavaScript (v3) and prints one
// JSON object: per step, the fields the C# test asserts, or {error, message, status}.
// usage: node events.mjs http://127.0.0.1:PORT
import * as eb from '@aws-sdk/client-eventbridge';
import { recorder } from './common.mjs';

const endpoint = process.argv[2];
const client = new eb.EventBridgeClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 });
const send = (name, input) => client.send(new eb[`${name}Command`](input));
const { out, step } = recorder();
const isDate = d => d instanceof Date && !Number.isNaN(d.getTime()) && d.getUTCFullYear() > 2000;
const bus = b => ({ Name: b.Name, Arn: b.Arn, Description: b.Description ?? null, CreationTime: isDate(b.CreationTime), LastModifiedTime: isDate(b.LastModifiedTime) });
const arn = n => `arn:aws:events:us-east-1:123456789012:event-bus/${n}`;

await step('describeDefault', async () => bus(await send('DescribeEventBus', {})));
await step('create', async () => (await send('CreateEventBus', { Name: 'orders', Description: 'order events', Tags: [{ Key: 'team', Value: 'a' }] })));
await step('createDuplicate', () => send('CreateEventBus', { Name: 'orders' }));
await step('createDefault', () => send('CreateEventBus', { Name: 'default' }));
await step('createBadName', () => send('CreateEventBus', { Name: 'bad name' }));
await step('describeByArn', async () => bus(await send('DescribeEventBus', { Name: arn('orders') })));
await step('describeMissing', () => send('DescribeEventBus', { Name: 'nope' }));
await send('CreateEventBus', { Name: 'orders-eu' });
await send('CreateEventBus', { Name: 'payments' });
await step('listAll', async () => (await send('ListEventBuses', {})).EventBuses.map(b => b.Name));
await step('listPrefix', async () => (await send('ListEventBuses', { NamePrefix: 'orders' })).EventBuses.map(b => b.Name));
await step('listPaged', async () => {
  const names = [];
  let token, pages = 0;
  do {
    const r = await send('ListEventBuses', { Limit: 1, NextToken: token });
    names.push(...r.EventBuses.map(b => b.Name));
    token = r.NextToken;
    pages++;
  } while (token && pages < 10);
  return { names, pages };
});
await step('listBadLimit', () => send('ListEventBuses', { Limit: 500 }));

await step('put', async () => {
  const r = await send('PutEvents', { Entries: [
    { Source: 'com.example.orders', DetailType: 'OrderPlaced', Detail: JSON.stringify({ orderId: 'o-1', total: 42.5 }) },
    { Source: 'com.example.orders', DetailType: 'OrderShipped', Detail: '{"orderId":"o-2"}', EventBusName: 'orders', Resources: ['arn:aws:s3:::bucket/o-2'], Time: new Date('2026-01-02T03:04:05Z') },
    { Source: 'com.example.orders', Detail: '{}' },
    { Source: 'com.example.orders', DetailType: 'Bad', Detail: '[1, 2]' },
    { DetailType: 'NoSource', Detail: '{}' },
    { Source: 's', DetailType: 'NoDetail' },
    { Source: 's', DetailType: 'ToMissingBus', Detail: '{}', EventBusName: 'no-such-bus' },
  ] });
  return { FailedEntryCount: r.FailedEntryCount, Entries: r.Entries.map(e => e.EventId ? { EventId: typeof e.EventId === 'string' && e.EventId.length > 10 } : { ErrorCode: e.ErrorCode, ErrorMessage: e.ErrorMessage }) };
});
await step('putTooMany', () => send('PutEvents', { Entries: Array.from({ length: 11 }, () => ({ Source: 's', DetailType: 't', Detail: '{}' })) }));
await step('putEmpty', () => send('PutEvents', { Entries: [] }));

const event = JSON.stringify({ id: '1', account: '123456789012', source: 'com.example.orders', time: '2026-01-01T00:00:00Z', region: 'us-east-1', resources: [], 'detail-type': 'OrderPlaced', detail: { total: 42.5, state: 'NEW' } });
await step('testMatch', async () => (await send('TestEventPattern', { Event: event, EventPattern: JSON.stringify({ source: [{ prefix: 'com.example' }], detail: { total: [{ numeric: ['>', 10] }] } }) })).Result);
await step('testNoMatch', async () => (await send('TestEventPattern', { Event: event, EventPattern: JSON.stringify({ detail: { state: [{ 'anything-but': 'NEW' }] } }) })).Result);
await step('testBadPattern', () => send('TestEventPattern', { Event: event, EventPattern: JSON.stringify({ source: 'com.example.orders' }) }));
await step('testBadNumeric', () => send('TestEventPattern', { Event: event, EventPattern: JSON.stringify({ detail: { total: [{ numeric: ['>', 5, '<', 1] }] } }) }));
await step('testNoResources', () => send('TestEventPattern', { Event: JSON.stringify({ ...JSON.parse(event), resources: undefined }), EventPattern: '{"source": ["x"]}' }));
await step('testBadEvent', () => send('TestEventPattern', { Event: '{"source": "x"}', EventPattern: '{"source": ["x"]}' }));

await step('delete', () => send('DeleteEventBus', { Name: 'orders' }).then(() => 'ok'));
await step('describeDeleted', () => send('DescribeEventBus', { Name: 'orders' }));
await step('deleteMissing', () => send('DeleteEventBus', { Name: 'orders' }).then(() => 'ok'));
await step('deleteDefault', () => send('DeleteEventBus', { Name: 'default' }));

console.log(JSON.stringify(out));
