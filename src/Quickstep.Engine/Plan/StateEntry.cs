namespace Quickstep.Engine.Plan;

/// <summary>
/// How a state was entered: its StateEntered event id and time (for causes and $$.State). Two words, so
/// that it travels to ExecuteAsync in registers: a wider struct is written field by field and copied whole
/// on every transition, which stalls the CPU. The event before StateEntered is <see cref="Runtime.Frame.EnteredAfterEventId"/>.
/// </summary>
internal readonly struct StateEntry(long eventId, DateTimeOffset time)
{
    private readonly long _utcTicks = time.UtcTicks;

    public long EventId { get; } = eventId;

    public DateTimeOffset Time => new(_utcTicks, TimeSpan.Zero);
}
