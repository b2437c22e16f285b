namespace Quickstep.Asl.Model;

/// <summary>Map ItemProcessor.ProcessorConfig: Mode INLINE (default) or DISTRIBUTED, ExecutionType STANDARD or EXPRESS.</summary>
public sealed class ProcessorConfig
{
    public string Mode { get; init; } = "INLINE";

    public string? ExecutionType { get; init; }

    public bool IsDistributed => string.Equals(Mode, "DISTRIBUTED", StringComparison.Ordinal);
}
