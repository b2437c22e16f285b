namespace Quickstep.Services.Sqs;

/// <summary>Where a message is in its queue.</summary>
internal enum SqsMessageState
{
    /// <summary>Sent with a delay that has not passed yet.</summary>
    Delayed,

    /// <summary>Visible: the next receive may return it.</summary>
    Ready,

    /// <summary>Received, its visibility timeout running.</summary>
    InFlight,

    /// <summary>Deleted, expired, purged or moved to a dead-letter queue: gone from this queue.</summary>
    Gone,
}
