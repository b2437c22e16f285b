using Microsoft.AspNetCore.Http;
using Quickstep.Aws;
using Quickstep.Server.Services;
using Quickstep.Storage;
using Quickstep.WebConsole;

namespace Quickstep.Server.Hosting;

/// <summary>The web console (Quickstep.Console) on the server's port: its endpoint over this server's store and services, and which requests are its.</summary>
internal static class ConsoleWiring
{
    public static async Task<Func<HttpContext, Task>> CreateAsync(StoreSet stores, ExecutionService executions, IReadOnlyDictionary<string, IAwsService> services, QuickstepServerOptions options, QuickstepConfig config, CancellationToken cancellationToken)
    {
        var prices = options.Prices;
        return new ConsoleEndpoint(new ConsoleOptions
        {
            Store = stores.Core,
            RunningHistory = arn => executions.Running(arn)?.Sink.Snapshot().Select(e => new HistoryRecord(e.Id, HistoryJson.ToJson(e))).ToList(),
            Statistics = stores.Statistics,
            Services = services,
            Schedules = stores.Schedules,
            Webhooks = [.. config.Webhooks.Select(w => new ConsoleWebhook(w.Name, WebhookEndpoint.PathPrefix + w.Name, w.StateMachineArn, w.Sync, w.Secret is not null))],
            EstimateCostUsd = (executions, gbSeconds) => (executions * prices.PricePerMillionRequests / 1_000_000m) + prices.DurationCost(gbSeconds / 3600),
            TimeProvider = options.TimeProvider,
        }).HandleAsync;
    }

    /// <summary>The console's requests: its paths and a browser's <c>GET /</c>, unless signed for another service (a bucket named "console" stays S3's).</summary>
    public static bool Owns(HttpRequest request) => ConsoleEndpoint.Owns(request) && AwsServiceResolver.Resolve(request) is null or "states";

    /// <summary>The console's files and redirect, served without a signature (a browser cannot sign a page load); its helper endpoints need one.</summary>
    public static bool IsPublic(HttpRequest request) => ConsoleEndpoint.IsPublic(request) && AwsServiceResolver.Resolve(request) is null;
}
