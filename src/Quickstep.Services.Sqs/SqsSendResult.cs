namespace Quickstep.Services.Sqs;

/// <summary>What SendMessage answers: the message id, the MD5 digests SQS computes, and a FIFO queue's sequence number.</summary>
public sealed record SqsSendResult(string MessageId, string MD5OfMessageBody, string? MD5OfMessageAttributes, string? MD5OfMessageSystemAttributes, string? SequenceNumber);
