using Quickstep.Aws;
using Quickstep.Engine.Ports;
using Quickstep.Server.Metering;

namespace Quickstep.Server;

/// <summary>Settings of <c>quickstep serve</c>.</summary>
public sealed class QuickstepServerOptions
{
    /// <summary>Interface to bind. Default 127.0.0.1 (loopback only).</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>TCP port; 0 picks a free one. Default 8083.</summary>
    public int Port { get; init; } = 8083;

    /// <summary>SQLite database file. Default ./.quickstep/quickstep.db.</summary>
    public string DatabasePath { get; init; } = Path.Combine(".quickstep", "quickstep.db");

    /// <summary>
    /// The store: null for the SQLite file <see cref="DatabasePath"/>, or a PostgreSQL URL (<c>postgres://user@host:port/db</c>)
    /// shared by every node of a cluster. Default null.
    /// </summary>
    public string? Store { get; init; }

    /// <summary>With PostgreSQL: this node's id in leases. Default a new one per process.</summary>
    public string? NodeId { get; init; }

    /// <summary>With PostgreSQL: how long a node's leases last without a heartbeat (another node takes its work over after). Default 15 s.</summary>
    public TimeSpan NodeLease { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Region in ARNs. Default us-east-1.</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>Account in ARNs. Default 123456789012.</summary>
    public string AccountId { get; init; } = "123456789012";

    /// <summary>How long finished executions are kept. Default 90 days.</summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromDays(90);

    /// <summary>How often the retention purge runs. Default 1 hour.</summary>
    public TimeSpan RetentionInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Poison detection: how many times an asynchronous execution is run again after restarts that interrupted it;
    /// the next restart ends it FAILED (States.Runtime) instead of letting it end the process again. Default 3.
    /// </summary>
    public int MaxInterruptedAttempts { get; init; } = 3;

    /// <summary>
    /// Accepted asynchronous executions waiting for a worker; past it StartExecution answers ThrottlingException (the
    /// SDKs back off and retry) instead of queueing without bound. Default 100,000.
    /// </summary>
    public int MaxQueuedExecutions { get; init; } = 100_000;

    /// <summary>
    /// Synchronous executions of one state machine running at once; past it StartSyncExecution answers
    /// ThrottlingException. AWS's own sync concurrency is of this order (1,000 to 3,700 depending on the Region). Default 1,000.
    /// </summary>
    public int MaxSyncExecutionsPerStateMachine { get; init; } = 1000;

    /// <summary>Asynchronous executions running at once; more wait in the queue. Default 1000.</summary>
    public int MaxConcurrentExecutions { get; init; } = 1000;

    /// <summary>Task resource handlers. Default none.</summary>
    public IReadOnlyList<IResourceHandler> ResourceHandlers { get; init; } = [];

    /// <summary>Prices for the usage estimate. Default AWS Express us-east-1.</summary>
    public PriceTable Prices { get; init; } = PriceTable.Default;

    /// <summary>Clock for executions, dates and retention. Default the system clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Picks a version for a weighted alias: returns a number in [0, 1). Default shared randomness.</summary>
    public Func<double> Random { get; init; } = System.Random.Shared.NextDouble;

    /// <summary>
    /// New ids (execution names, ARN suffixes, revisions). Default <see cref="Guid.CreateVersion7()"/>: time
    /// ordered, so that the store's indexes keyed by execution ARN and name grow at their end (one hot page)
    /// instead of dirtying a random leaf page per execution.
    /// </summary>
    public Func<Guid> NewId { get; init; } = Guid.CreateVersion7;

    /// <summary>
    /// The configuration file (<c>quickstep serve --config FILE</c>): resources to create at start, forwarding
    /// endpoints, the data directory. Default none.
    /// </summary>
    public string? ConfigFile { get; init; }

    /// <summary>
    /// More AWS services, served on the port (AWS JSON: <c>sqs</c>, <c>events</c>) and called by Task integrations
    /// (<c>sqs:sendMessage</c>, <c>aws-sdk:…</c>); one with the signing name of a built-in service replaces it. Default none.
    /// </summary>
    public IReadOnlyList<IAwsService> Services { get; init; } = [];

    /// <summary>Lambda's waits before the retries of a failed asynchronous invocation (whole seconds, at most 900); tests shorten them. Default 1 and 2 minutes, as Lambda.</summary>
    public IReadOnlyList<TimeSpan> LambdaRetryDelays { get; init; } = [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2)];

    /// <summary>How long one minute of a Glue job's Timeout lasts; tests shorten it (docs/glue.md). Default one minute.</summary>
    public TimeSpan GlueTimeoutUnit { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Keys the server accepts besides the configuration file's (<c>quickstep serve --credentials ID:SECRET</c>,
    /// <c>QUICKSTEP_CREDENTIALS</c>): when any is given, every AWS API request must be signed with one of them.
    /// </summary>
    public IReadOnlyList<Quickstep.Aws.Signing.AwsCredentials> Credentials { get; init; } = [];

    /// <summary>
    /// How long a stop (SIGTERM, Ctrl+C) waits for synchronous executions in flight to finish and answer before
    /// they are cancelled (ABORTED); asynchronous ones are cancelled then too and run again at the next start. Default 30 seconds.
    /// </summary>
    public TimeSpan ShutdownGrace { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Host names a loopback-only server answers besides localhost and loopback addresses (e.g. the name a local
    /// reverse proxy forwards); see <c>LoopbackHostGuard</c>. Default none.
    /// </summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];

    /// <summary>Largest request body accepted, in bytes. Default 1 MiB, as AWS.</summary>
    public int MaxRequestBytes { get; init; } = 1024 * 1024;

    /// <summary>Where SNS delivers to sqs subscriptions; default this server's own SQS queues.</summary>
    public Quickstep.Services.Sns.ISqsDeliveryTarget? SnsSqsTarget { get; init; }

    /// <summary>
    /// Functions Task states and the Lambda API call (with the configuration file's <c>functions</c> section added);
    /// the server stops their worker processes when it stops. Default a new, empty registry.
    /// </summary>
    public Quickstep.Integrations.Functions.LambdaFunctionRegistry? Functions { get; init; }
}
