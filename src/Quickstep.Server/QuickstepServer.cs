using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quickstep.Aws;
using Quickstep.Aws.Signing;
using Quickstep.Aws.Targets;
using Quickstep.Engine;
using Quickstep.Integrations.Storage;
using Quickstep.Server.Api;
using Quickstep.Server.Hosting;
using Quickstep.Server.Metering;
using Quickstep.Server.Services;
using Quickstep.Server.Services.Lambda;
using Quickstep.Server.Services.S3;
using Quickstep.Services.S3;
using Quickstep.Services.Sqs;
using Quickstep.Storage;

namespace Quickstep.Server;

/// <summary>
/// The Quickstep server: the Step Functions API (AWS JSON 1.0) over Kestrel, an embedded SQLite store,
/// the async-execution workers and the retention job. Also serves <c>GET /quickstep/usage</c>,
/// <c>GET /quickstep/logs?executionArn=…</c> and <c>GET /quickstep/health</c>.
/// </summary>
public sealed class QuickstepServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly StoreSet _stores;
    private readonly ExecutionService _executions;
    private readonly CancellationTokenSource _stopping = new();
    private Task? _retention;
    private LocalServices? _localServices;
    private TriggerServices? _triggers;
    private Quickstep.Services.Glue.GlueService? _glue;
    private Telemetry.ServerTelemetry? _telemetry;
    private LambdaWiring? _lambda;
    private IDisposable? _nodesLeaving;
    private IDisposable? _stoppedElsewhere;

    /// <summary>Scheduler and Pipes on this server.</summary>
    internal TriggerServices Triggers => _triggers!;

    private QuickstepServer(WebApplication app, StoreSet stores, ExecutionService executions, Uri baseAddress)
    {
        _app = app;
        _stores = stores;
        DatabasePath = stores.Description;
        _executions = executions;
        BaseAddress = baseAddress;
    }

    /// <summary>Where the server listens, e.g. http://127.0.0.1:8083/.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The SQLite file, or which PostgreSQL database and node.</summary>
    public string DatabasePath { get; }

    internal ExecutionService Executions => _executions;

    /// <summary>The SQS service (queues on this server); other services deliver to it with <see cref="SqsService.SendMessageAsync"/>.</summary>
    public SqsService Sqs { get; private init; } = null!;

    /// <summary>Delivers to any resource of this server by ARN (state machines, queues, topics, buses, functions), as rules, schedules and pipes do.</summary>
    public ITargetInvoker Targets { get; private init; } = null!;

    public static async Task<QuickstepServer> StartAsync(QuickstepServerOptions options, Action<ILoggingBuilder>? configureLogging = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = options.ConfigFile is null ? QuickstepConfig.Empty : QuickstepConfigLoader.Load(options.ConfigFile);
        // No configuration reload: its file watcher covers the content root (the working directory), where
        // the database and its WAL usually are, and woke up for every commit (4 % of the server's CPU under load).
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        builder.Logging.ClearProviders();
        Telemetry.ServerTelemetry.AddConsoleLogging(builder.Logging, config);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        configureLogging?.Invoke(builder.Logging);
        // The host's stop waits for open requests: long enough for sync executions to use their grace.
        builder.Services.Configure<HostOptions>(h => h.ShutdownTimeout = options.ShutdownGrace + TimeSpan.FromSeconds(5));
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = null; // the endpoint enforces AWS's 1 MiB limit itself and answers 413 in AWS's shape.
            HeaderLimit.Configure(k.Limits);
            if (options.Host is "localhost")
                k.ListenLocalhost(options.Port);
            else
                k.Listen(IPAddress.Parse(options.Host), options.Port);
        });

        // The one place that picks the stores (StoreSet); everything else sees their interfaces.
        var stores = await StoreSet.OpenAsync(options, config, cancellationToken).ConfigureAwait(false);
        var store = stores.Core;
        var app = builder.Build();
        var s3 = new S3Service(stores.Objects, new S3ServiceOptions { RootDirectory = Path.Combine(stores.FilesDirectory, "s3"), Bodies = stores.ObjectBodies, Region = options.Region, TimeProvider = options.TimeProvider });
        await s3.RemoveOrphanFilesAsync(cancellationToken).ConfigureAwait(false);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Quickstep.Server");
        var sqs = await SqsService.CreateAsync(new SqsServiceOptions { Region = options.Region, AccountId = options.AccountId, TimeProvider = options.TimeProvider, Store = stores.MessageQueues }, cancellationToken).ConfigureAwait(false);
        // The services on this port, by signing name; Task integrations call them, or their forwarding endpoint.
        Uri? listening = null;
        var lambda = LambdaWiring.Create(options, config, sqs, logger);
        var local = await Services.LocalServices.CreateAsync(stores, options, sqs, () => listening?.ToString().TrimEnd('/') ?? "", cancellationToken, lambda.Queue).ConfigureAwait(false);
        var stepFunctions = new StepFunctionsService();
        var glue = await GlueWiring.CreateAsync(stores, options, config, s3, cancellationToken).ConfigureAwait(false);
        var awsServices = new Dictionary<string, IAwsService>(StringComparer.Ordinal) { ["states"] = stepFunctions, ["s3"] = s3, ["sqs"] = sqs, ["events"] = local.EventBridge, ["sns"] = local.Sns, ["glue"] = glue, ["lambda"] = lambda.Service };
        var triggers = await TriggerServices.CreateAsync(stores, options, awsServices, logger, cancellationToken).ConfigureAwait(false);
        foreach (var service in options.Services)
            awsServices[service.SigningName] = service;
        var engine = new QuickstepEngine(new EngineOptions
        {
            TimeProvider = options.TimeProvider,
            EvaluationServices = new Asl.Compilation.DefaultEvaluationServices(options.TimeProvider),
            ResourceHandlers = [.. ServerConfiguration.ResourceHandlers(options, config, awsServices, logger, lambda.Handler), new S3ItemResourceHandler(s3, async (b, k, ct) => (await s3.GetObjectAsync(b, k, null, ct).ConfigureAwait(false)).Content), .. TaskWiring.Handlers(options, config, local.EventBridge, awsServices)],
            Region = options.Region,
            AccountId = options.AccountId,
        });
        var executions = new ExecutionService(store, engine, options, logger) { ExecutionLogScopes = config.JsonLogs };
        var telemetry = new Telemetry.ServerTelemetry(executions.Metrics, config.Telemetry);
        ResourceEventsWiring.Attach(local.EventBridge, executions, s3, options, logger);
        var context = new ApiContext(store, options, executions, engine);
        stepFunctions.Attach(context);
        var endpoint = new ApiEndpoint(context, logger);
        // One port for every AWS API: each service registers its handler under its SigV4 signing name.
        var services = new Dictionary<string, Func<HttpContext, Task>>(StringComparer.Ordinal)
        {
            ["states"] = endpoint.HandleAsync,
            ["sqs"] = new AwsJsonEndpoint(sqs, "AmazonSQS", "1.0", "com.amazonaws.sqs#", options.MaxRequestBytes, logger).HandleAsync,
            ["s3"] = new S3Endpoint(s3, logger).HandleAsync,
            ["lambda"] = new LambdaEndpoint(lambda.Service, options.MaxRequestBytes).HandleAsync,
        };
        // Each service's error shape, for answers given before the request reaches it (authentication).
        var errorWriters = new Dictionary<string, Func<HttpContext, AwsServiceException, Task>>(StringComparer.Ordinal)
        {
            ["states"] = (http, e) => ApiEndpoint.WriteErrorAsync(http, e.StatusCode, e.Code, e.Message),
            ["s3"] = (http, e) => Services.S3.S3Xml.WriteErrorAsync(http, e, Guid.NewGuid().ToString("N")[..16].ToUpperInvariant()),
            ["lambda"] = LambdaEndpoint.WriteErrorAsync,
        };
        Services.LocalServices.Register(services, awsServices, logger);
        services["webhooks"] = new WebhookEndpoint(config.Webhooks, awsServices).HandleAsync;
        services["console"] = await ConsoleWiring.CreateAsync(stores, executions, awsServices, options, config, cancellationToken).ConfigureAwait(false);
        ServerConfiguration.AddServiceEndpoints(awsServices, services, options, logger);
        AwsCredentials[] credentials = [.. options.Credentials, .. config.Credentials];
        var auth = credentials.Length > 0 ? new AwsAuthenticator(credentials, options.TimeProvider) : null;
        if (auth is null && !LoopbackHostGuard.Applies(options.Host))
            Log.OpenWithoutCredentials(logger, options.Host);
        var guardHost = LoopbackHostGuard.Applies(options.Host);
        string[] allowedHosts = [.. options.AllowedHosts, .. config.AllowedHosts];
        app.Run(http =>
        {
            if (guardHost && !LoopbackHostGuard.IsAllowed(http.Request.Host, allowedHosts))
                return RefuseForeignHostAsync(http, errorWriters);
            if (HeaderLimit.Check(http.Request.Headers) is { } tooLarge)
                return RefuseAsync(http, errorWriters, tooLarge);
            if (telemetry.Endpoints.TryHandle(http) is { } operations)
                return operations;
            return auth is null ? RouteAsync(http, endpoint, services, store, options) : AuthenticatedRouteAsync(http, auth, errorWriters, endpoint, services, store, options);
        });
        app.Lifetime.ApplicationStopping.Register(() => executions.BeginShutdown(options.ShutdownGrace));
        app.Lifetime.ApplicationStopping.Register(sqs.Stop);

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var server = new QuickstepServer(app, stores, executions, new Uri(address.EndsWith('/') ? address : address + "/")) { Sqs = sqs, Targets = new ServiceTargetInvoker(awsServices), _localServices = local, _triggers = triggers, _glue = glue, _telemetry = telemetry, _lambda = lambda };
        sqs.Endpoint = server.BaseAddress.ToString().TrimEnd('/');
        listening = server.BaseAddress;
        await executions.StartAsync(cancellationToken).ConfigureAwait(false);
        lambda.Queue.Targets = server.Targets;
        server._nodesLeaving = stores.SubscribeToNodesLeaving(executions.WakeHeartbeat);
        server._stoppedElsewhere = stores.SubscribeToStoppedExecutions(executions.StoppedElsewhere);
        executions.AfterHeartbeat = local.EventBridge.TakeOverUndelivered;
        await lambda.Queue.StartAsync(cancellationToken).ConfigureAwait(false);
        await triggers.StartAsync(stores, options.TimeProvider, logger, cancellationToken).ConfigureAwait(false);
        RuleWiring.Start(local.EventBridge, server.Targets, app.Lifetime, logger);
        telemetry.Endpoints.Ready();
        foreach (var created in await ResourceProvisioner.ApplyAsync(config.Resources, awsServices, cancellationToken).ConfigureAwait(false))
            ConfigLog.ResourceReady(logger, created);
        var retention = new RetentionJob(store, new RetentionOptions { Period = options.Retention, Interval = options.RetentionInterval }, options.TimeProvider);
        server._retention = LeaderLease.RunAsync(stores.Leases, "retention", options.TimeProvider, logger, retention.RunAsync, server._stopping.Token);
        Log.Listening(logger, server.BaseAddress.ToString(), server.DatabasePath);
        return server;
    }

    /// <summary>With credentials configured: every AWS API request must carry a valid signature (errors in its service's shape).</summary>
    private static async Task AuthenticatedRouteAsync(HttpContext http, AwsAuthenticator auth, Dictionary<string, Func<HttpContext, AwsServiceException, Task>> errorWriters,
        ApiEndpoint endpoint, Dictionary<string, Func<HttpContext, Task>> services, IQuickstepStore store, QuickstepServerOptions options)
    {
        var path = http.Request.Path.Value ?? "/";
        if (!path.StartsWith("/quickstep/", StringComparison.Ordinal) && !path.StartsWith(WebhookEndpoint.PathPrefix, StringComparison.Ordinal) && !ConsoleWiring.IsPublic(http.Request))
        {
            // Unsigned requests that name no service: POST / (and the console's helper endpoints) is the Step Functions API, any other path S3 (path style).
            var service = AwsServiceResolver.Resolve(http.Request) ?? (path is "/" or "" || path.StartsWith(WebConsole.ConsoleEndpoint.PathPrefix, StringComparison.Ordinal) ? "states" : "s3");
            if (await auth.CheckAsync(http, service).ConfigureAwait(false) is { } refused)
            {
                await (errorWriters.GetValueOrDefault(service) ?? AwsErrorWriters.Default(service))(http, refused).ConfigureAwait(false);
                return;
            }
        }

        await RouteAsync(http, endpoint, services, store, options).ConfigureAwait(false);
    }

    /// <summary>Answers a request refused before routing in the error shape of the service it was for.</summary>
    private static Task RefuseAsync(HttpContext http, Dictionary<string, Func<HttpContext, AwsServiceException, Task>> errorWriters, AwsServiceException refused)
    {
        var path = http.Request.Path.Value ?? "/";
        var service = AwsServiceResolver.Resolve(http.Request) ?? (path is "/" or "" || path.StartsWith("/quickstep/", StringComparison.Ordinal) ? "states" : "s3");
        return (errorWriters.GetValueOrDefault(service) ?? AwsErrorWriters.Default(service))(http, refused);
    }

    /// <summary>A request addressed to a name that is not loopback while the server listens on loopback only (see <see cref="LoopbackHostGuard"/>).</summary>
    private static Task RefuseForeignHostAsync(HttpContext http, Dictionary<string, Func<HttpContext, AwsServiceException, Task>> errorWriters)
    {
        var path = http.Request.Path.Value ?? "/";
        var service = AwsServiceResolver.Resolve(http.Request) ?? (path is "/" or "" || path.StartsWith("/quickstep/", StringComparison.Ordinal) ? "states" : "s3");
        var refused = new AwsServiceException(service == "s3" ? "AccessDenied" : "AccessDeniedException",
            $"This Quickstep server listens on loopback only and answers requests addressed to localhost or a loopback address, not to '{http.Request.Host.Host}'. Listen on another address with --host to serve other names.", 403);
        return (errorWriters.GetValueOrDefault(service) ?? AwsErrorWriters.Default(service))(http, refused);
    }

    private static Task RouteAsync(HttpContext http, ApiEndpoint endpoint, Dictionary<string, Func<HttpContext, Task>> services, IQuickstepStore store, QuickstepServerOptions options)
    {
        var path = http.Request.Path.Value ?? "/";
        var quickstepPath = path.StartsWith("/quickstep/", StringComparison.Ordinal);
        if (path.StartsWith(WebhookEndpoint.PathPrefix, StringComparison.Ordinal))
            return services["webhooks"](http);
        if (ConsoleWiring.Owns(http.Request))
            return services["console"](http);
        if (!quickstepPath && AwsServiceResolver.Resolve(http.Request) is { } service)
        {
            if (services.TryGetValue(service, out var handler))
                return handler(http);
            return ApiEndpoint.WriteErrorAsync(http, 400, "UnknownOperationException", $"This Quickstep server does not serve the AWS service '{service}'.");
        }

        if (path is "/" or "")
            return endpoint.HandleAsync(http);
        if (quickstepPath && HttpMethods.IsGet(http.Request.Method))
        {
            switch (path)
            {
                case "/quickstep/health":
                    return ApiEndpoint.WriteAsync(http, 200, new JsonObject { ["status"] = "ok" });
                case "/quickstep/usage":
                    return UsageAsync(http, store, options);
                case "/quickstep/logs":
                    return LogsAsync(http, store);
            }
        }

        return ApiEndpoint.WriteErrorAsync(http, 404, "UnknownOperationException", $"No such endpoint: {http.Request.Method} {path}. The Step Functions API is POST /.");
    }

    private static async Task UsageAsync(HttpContext http, IQuickstepStore store, QuickstepServerOptions options)
    {
        var usage = await store.GetUsageAsync(http.RequestAborted).ConfigureAwait(false);
        await ApiEndpoint.WriteAsync(http, 200, UsageReport.Build(usage, options.Prices)).ConfigureAwait(false);
    }

    private static async Task LogsAsync(HttpContext http, IQuickstepStore store)
    {
        var arn = http.Request.Query["executionArn"].ToString();
        if (arn.Length == 0)
        {
            await ApiEndpoint.WriteErrorAsync(http, 400, "ValidationException", "executionArn query parameter is required").ConfigureAwait(false);
            return;
        }

        var stored = await store.GetLogsAsync(arn, http.RequestAborted).ConfigureAwait(false);
        // Executions stored since the records stopped being stored keep their logging level: derive the records.
        if (stored.Count == 0 && await store.GetExecutionAsync(arn, http.RequestAborted).ConfigureAwait(false) is { LogLevel: not null } execution)
            stored = ExpressLogging.Records(execution, await store.GetHistoryAsync(arn, http.RequestAborted).ConfigureAwait(false));
        var records = new JsonArray();
        foreach (var r in stored)
            records.Add(JsonNode.Parse(r.Json));
        await ApiEndpoint.WriteAsync(http, 200, new JsonObject { ["executionArn"] = arn, ["records"] = records }).ConfigureAwait(false);
    }

    /// <summary>Completes when the host is asked to stop (Ctrl+C, SIGTERM) or <paramref name="cancellationToken"/> fires.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_triggers is not null)
            await _triggers.DisposeAsync().ConfigureAwait(false);
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        _nodesLeaving?.Dispose();
        _stoppedElsewhere?.Dispose();
        await _executions.DisposeAsync().ConfigureAwait(false);
        if (_localServices is not null)
            await _localServices.DisposeAsync().ConfigureAwait(false);
        if (_glue is not null)
            await _glue.DisposeAsync().ConfigureAwait(false);
        if (_lambda is not null)
            await _lambda.DisposeAsync().ConfigureAwait(false);
        if (_retention is not null)
            await _retention.ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        Sqs.Dispose();
        _telemetry?.Dispose();
        await _stores.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }
}
