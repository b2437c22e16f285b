namespace Quickstep.Integrations.Functions;

/// <summary>What functions built from definitions share: region and account for their ARNs, the clock, where their output goes.</summary>
public sealed class FunctionHostOptions
{
    /// <summary>AWS_REGION and the ARNs' region. Default us-east-1.</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>The ARNs' account. Default 123456789012.</summary>
    public string AccountId { get; init; } = "123456789012";

    /// <summary>Timeouts and deadlines. Default the system clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Relative command paths and code directories are relative to it. Default the current directory.</summary>
    public string? BaseDirectory { get; init; }

    /// <summary>Where bootstrap.mjs and bootstrap.py are. Default quickstep-runtime/ beside the application.</summary>
    public string BootstrapDirectory { get; init; } = Path.Combine(AppContext.BaseDirectory, "quickstep-runtime");

    /// <summary>Each output line of a worker process (function name, line). Default nowhere.</summary>
    public Action<string, string>? Log { get; init; }

    /// <summary>The client url functions use. Default one shared client.</summary>
    public HttpClient? Http { get; init; }
}
