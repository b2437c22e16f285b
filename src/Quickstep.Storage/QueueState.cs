namespace Quickstep.Storage;

/// <summary>Where an asynchronous execution is in the durable queue.</summary>
public enum QueueState
{
    /// <summary>Stored and acknowledged to the caller; not yet picked up.</summary>
    Accepted,

    /// <summary>A worker is running it; after a crash it is run again (at least once).</summary>
    Running,

    /// <summary>Finished; never run again.</summary>
    Done,
}
