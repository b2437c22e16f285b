namespace Quickstep.Server.Hosting;

/// <summary>A webhook of the configuration file: <c>POST /webhooks/{Name}</c> starts <see cref="StateMachineArn"/> with the request.</summary>
public sealed record WebhookConfig
{
    public required string Name { get; init; }

    public required string StateMachineArn { get; init; }

    /// <summary>Wait for the execution and answer its output (StartSyncExecution); default false: 202 with the executionArn.</summary>
    public bool Sync { get; init; }

    /// <summary>Put the request headers in the input (<c>{"body", "headers", "queryStringParameters"}</c>); default false.</summary>
    public bool IncludeHeaders { get; init; }

    /// <summary>Put the query string in the input; default false.</summary>
    public bool IncludeQueryString { get; init; }

    /// <summary>The status a failed sync execution is answered with; default 500.</summary>
    public int FailureStatus { get; init; } = 500;

    /// <summary>Shared secret of the HMAC-SHA256 signature of the body; null: no check.</summary>
    public string? Secret { get; init; }

    /// <summary>The header with the signature (hex, optionally <c>sha256=</c> before it); default <c>X-Hub-Signature-256</c>.</summary>
    public string SignatureHeader { get; init; } = "X-Hub-Signature-256";

    /// <summary>Largest body accepted (413 beyond); default 262,144 bytes (Step Functions' input limit).</summary>
    public int MaxBodyBytes { get; init; } = 256 * 1024;
}
