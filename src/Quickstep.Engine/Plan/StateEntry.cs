namespace Quickstep.Engine.Plan;

/// <summary>How a state was entered: its StateEntered event id and time (for causes and $$.State).</summary>
internal readonly record struct StateEntry(long EventId, DateTimeOffset Time, long PreviousEventId = 0);
