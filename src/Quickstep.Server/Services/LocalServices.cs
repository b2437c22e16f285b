using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Quickstep.Services.Events;
using Quickstep.Storage.Sqlite;

namespace Quickstep.Server.Services;

/// <summary>The local AWS services this server answers besides Step Functions, each registered under its SigV4 signing name.</summary>
internal static class LocalServices
{
    private const int MaxRequestBytes = 1024 * 1024;

    public static async Task RegisterAsync(Dictionary<string, Func<HttpContext, Task>> services, SqliteStore store, QuickstepServerOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        var eventBridge = new EventBridgeService(new SqliteEventBusStore(store), new EventBridgeOptions { Region = options.Region, AccountId = options.AccountId, TimeProvider = options.TimeProvider });
        await eventBridge.InitializeAsync(cancellationToken).ConfigureAwait(false);
        services["events"] = new AwsJsonEndpoint(eventBridge, "AWSEvents", "1.1", "", MaxRequestBytes, logger).HandleAsync;
    }
}
