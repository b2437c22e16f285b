using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Quickstep.Engine;

namespace Quickstep.WebConsole;

/// <summary>The console's read-only helper endpoints (<c>GET /console/api/…</c>), answering JSON; errors as <c>{"__type", "message"}</c> like the Step Functions API.</summary>
internal sealed partial class ConsoleApi
{
    private const int MaxPage = 1000;

    private readonly ConsoleOptions _options;
    private readonly ServicesSummary _services;

    public ConsoleApi(ConsoleOptions options)
    {
        _options = options;
        _services = new ServicesSummary(options);
    }

    public async Task HandleAsync(HttpContext http, string route)
    {
        if (!HttpMethods.IsGet(http.Request.Method))
        {
            await WriteErrorAsync(http, 405, "UnknownOperationException", "The console's helper endpoints are read-only: use GET.").ConfigureAwait(false);
            return;
        }

        try
        {
            var ct = http.RequestAborted;
            JsonNode? answer = route switch
            {
                "machines/stats" => await MachineStatsAsync(ct).ConfigureAwait(false),
                "executions" => await SearchAsync(http.Request.Query, ct).ConfigureAwait(false),
                "usage" => await UsageAsync(http.Request.Query, ct).ConfigureAwait(false),
                "services" => await _services.BuildAsync(ct).ConfigureAwait(false),
                "graph" => await GraphAsync(http.Request.Query, ct).ConfigureAwait(false),
                "execution-graph" => await ExecutionGraphAsync(http.Request.Query, ct).ConfigureAwait(false),
                _ => null,
            };
            if (answer is null)
                await WriteErrorAsync(http, 404, "UnknownOperationException", $"No console endpoint /console/api/{route}.").ConfigureAwait(false);
            else
                await WriteAsync(http, 200, answer).ConfigureAwait(false);
        }
        catch (ConsoleRequestException e)
        {
            await WriteErrorAsync(http, e.Status, e.Code, e.Message).ConfigureAwait(false);
        }
    }

    private async Task<JsonNode> MachineStatsAsync(CancellationToken ct)
    {
        var now = _options.TimeProvider.GetUtcNow();
        var counts = await _options.Statistics.CountExecutionsAsync(now.AddHours(-1), now.AddDays(-1), ct).ConfigureAwait(false);
        var machines = new JsonArray();
        foreach (var c in counts)
            machines.Add(new JsonObject { ["stateMachineArn"] = c.StateMachineArn, ["lastHour"] = c.LastHour, ["lastDay"] = c.LastDay, ["failedLastDay"] = c.FailedLastDay });
        return new JsonObject { ["now"] = now.ToUnixTimeMilliseconds(), ["machines"] = machines };
    }

    private async Task<JsonNode> SearchAsync(IQueryCollection query, CancellationToken ct)
    {
        var machine = Required(query, "stateMachineArn");
        var prefix = query["namePrefix"].ToString();
        ExecutionStatus? status = null;
        if (query["statusFilter"].ToString() is { Length: > 0 } s)
            status = ExecutionStatusNames.TryParse(s, out var parsed) ? parsed : throw new ConsoleRequestException("ValidationException", $"Unknown statusFilter '{s}'.");
        var limit = Limit(query, 50);
        var page = await _options.Statistics.SearchExecutionsAsync(machine, prefix, status, query["nextToken"].ToString() is { Length: > 0 } n ? n : null, limit, ct).ConfigureAwait(false);
        var executions = new JsonArray();
        foreach (var e in page.Items)
        {
            var o = new JsonObject { ["executionArn"] = e.Arn, ["stateMachineArn"] = e.StateMachineArn, ["name"] = e.Name, ["status"] = e.Status.ToApiName(), ["startDate"] = Seconds(e.StartDate) };
            if (e.StopDate is { } stop)
                o["stopDate"] = Seconds(stop);
            executions.Add(o);
        }

        var answer = new JsonObject { ["executions"] = executions };
        if (page.NextKey is { } next)
            answer["nextToken"] = next;
        return answer;
    }

    private async Task<JsonNode> UsageAsync(IQueryCollection query, CancellationToken ct)
    {
        var bucket = query["bucket"].ToString() switch
        {
            "" or "hour" => TimeSpan.FromHours(1),
            "day" => TimeSpan.FromDays(1),
            "minute" => TimeSpan.FromMinutes(1),
            var other => throw new ConsoleRequestException("ValidationException", $"bucket must be minute, hour or day, not '{other}'."),
        };
        var hours = int.TryParse(query["hours"], NumberStyles.None, CultureInfo.InvariantCulture, out var h) && h is > 0 and <= 24 * 90 ? h : 24;
        var since = _options.TimeProvider.GetUtcNow().AddHours(-hours);
        var series = new JsonArray();
        foreach (var b in await _options.Statistics.GetUsageSeriesAsync(since, bucket, ct).ConfigureAwait(false))
        {
            var gbSeconds = b.BilledMegabyteMilliseconds / 1024.0 / 1000.0;
            var o = new JsonObject
            {
                ["stateMachineArn"] = b.StateMachineArn,
                ["start"] = b.Start.ToUnixTimeMilliseconds(),
                ["executions"] = b.Executions,
                ["billedDurationMilliseconds"] = b.BilledDurationMilliseconds,
                ["billedGbSeconds"] = Math.Round(gbSeconds, 6),
            };
            if (_options.EstimateCostUsd is { } cost)
                o["estimatedCostUsd"] = Math.Round(cost(b.Executions, gbSeconds), 8);
            series.Add(o);
        }

        return new JsonObject { ["since"] = since.ToUnixTimeMilliseconds(), ["bucketMilliseconds"] = (long)bucket.TotalMilliseconds, ["series"] = series };
    }

    private static string Required(IQueryCollection query, string name) =>
        query[name].ToString() is { Length: > 0 } v ? v : throw new ConsoleRequestException("ValidationException", $"The query parameter {name} is required.");

    private static int Limit(IQueryCollection query, int fallback) =>
        int.TryParse(query["maxResults"], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? Math.Min(n, MaxPage) : fallback;

    private static double Seconds(DateTimeOffset d) => d.ToUnixTimeMilliseconds() / 1000.0;

    private static Task WriteAsync(HttpContext http, int status, JsonNode body)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        http.Response.Headers.CacheControl = "no-store";
        return http.Response.WriteAsync(body.ToJsonString());
    }

    private static Task WriteErrorAsync(HttpContext http, int status, string code, string message) =>
        WriteAsync(http, status, new JsonObject { ["__type"] = code, ["message"] = message });
}
