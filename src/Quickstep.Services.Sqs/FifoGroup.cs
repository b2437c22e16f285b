namespace Quickstep.Services.Sqs;

/// <summary>
/// A FIFO queue's message group: its messages in send order. While any of them is in flight the group
/// delivers nothing more, so the group's order holds across receives.
/// </summary>
internal sealed class FifoGroup
{
    public FifoGroup(string id) => Id = id;

    public string Id { get; }

    public LinkedList<SqsMessage> Messages { get; } = new();

    public int InFlight { get; set; }

    /// <summary>This group's node in the queue's list of groups that hold messages.</summary>
    public LinkedListNode<FifoGroup>? ActiveNode { get; set; }
}
