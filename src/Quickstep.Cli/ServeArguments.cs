namespace Quickstep.Cli;

/// <summary>The parsed arguments of `quickstep serve`; null means the server's default (see <see cref="ServeCommand"/>).</summary>
internal sealed class ServeArguments
{
    public int? Port { get; init; }

    public string? Host { get; init; }

    public string? DatabasePath { get; init; }

    /// <summary>--store: a PostgreSQL URL (<c>QuickstepServerOptions.Store</c>).</summary>
    public string? Store { get; init; }

    /// <summary>--node-id (<c>QuickstepServerOptions.NodeId</c>).</summary>
    public string? NodeId { get; init; }

    /// <summary>--node-lease-seconds (<c>QuickstepServerOptions.NodeLease</c>).</summary>
    public int? NodeLeaseSeconds { get; init; }

    public string? Region { get; init; }

    public string? AccountId { get; init; }

    public int? RetentionDays { get; init; }

    public string? FunctionsFile { get; init; }

    public string? PriceTableFile { get; init; }

    /// <summary>The server's configuration file (<c>QuickstepServerOptions.ConfigFile</c>).</summary>
    public string? ConfigFile { get; init; }

    /// <summary><c>--shutdown-grace SECONDS</c>: how long a stop waits for synchronous executions in flight.</summary>
    public int? ShutdownGraceSeconds { get; init; }

    /// <summary><c>--credentials ID:SECRET</c>, as given (repeatable).</summary>
    public IReadOnlyList<string> Credentials { get; init; } = [];
}
