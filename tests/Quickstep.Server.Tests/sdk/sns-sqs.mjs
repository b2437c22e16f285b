// SNS fan-out to the server's own SQS queues, seen with the official AWS SDK for JavaScript (v3): a queue
// subscribed in SNS's envelope and one with raw delivery receive what the topic published.
// usage: node sns-sqs.mjs http://127.0.0.1:PORT
import * as sns from '@aws-sdk/client-sns';
import * as sqs from '@aws-sdk/client-sqs';

const endpoint = process.argv[2];
const config = { endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 };
const snsClient = new sns.SNSClient(config);
const sqsClient = new sqs.SQSClient(config);
const out = {};

const queue = async name => {
  const url = (await sqsClient.send(new sqs.CreateQueueCommand({ QueueName: name }))).QueueUrl;
  const arn = (await sqsClient.send(new sqs.GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }))).Attributes.QueueArn;
  return { url, arn };
};
const envelopeQueue = await queue('orders-envelope');
const rawQueue = await queue('orders-raw');
const topic = (await snsClient.send(new sns.CreateTopicCommand({ Name: 'orders' }))).TopicArn;
await snsClient.send(new sns.SubscribeCommand({ TopicArn: topic, Protocol: 'sqs', Endpoint: envelopeQueue.arn }));
await snsClient.send(new sns.SubscribeCommand({ TopicArn: topic, Protocol: 'sqs', Endpoint: rawQueue.arn, Attributes: { RawMessageDelivery: 'true' } }));
out.messageId = (await snsClient.send(new sns.PublishCommand({ TopicArn: topic, Message: '{"order":1}', Subject: 'new order', MessageAttributes: { kind: { DataType: 'String', StringValue: 'order' } } }))).MessageId;

const receive = async q => (await sqsClient.send(new sqs.ReceiveMessageCommand({ QueueUrl: q.url, MaxNumberOfMessages: 10, WaitTimeSeconds: 2, MessageAttributeNames: ['All'] }))).Messages ?? [];
out.envelope = (await receive(envelopeQueue)).map(m => ({ Body: JSON.parse(m.Body), MessageAttributes: m.MessageAttributes ?? null }));
out.raw = (await receive(rawQueue)).map(m => ({ Body: m.Body, MessageAttributes: m.MessageAttributes ?? null }));
console.log(JSON.stringify(out));
