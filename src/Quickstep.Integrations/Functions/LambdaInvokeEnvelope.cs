using System.Globalization;
using Quickstep.Json;

namespace Quickstep.Integrations.Functions;

/// <summary>
/// The result of <c>arn:aws:states:::lambda:invoke</c>: Lambda's Invoke response as Step Functions
/// passes it on, member order and header names as recorded in services/test_lambda_task_service_test_invoke.
/// </summary>
internal static class LambdaInvokeEnvelope
{
    private static readonly JString Latest = JString.Create("$LATEST");
    private static readonly JArray LatestList = JArray.Create(Latest);
    private static readonly JString Zero = JString.Create("0");
    private static readonly JArray ZeroList = JArray.Create(Zero);
    private static readonly JString KeepAlive = JString.Create("keep-alive");
    private static readonly JArray KeepAliveList = JArray.Create(KeepAlive);
    private static readonly JString Json = JString.Create("application/json");
    private static readonly JArray JsonList = JArray.Create(Json);

    public static string ExecutedVersion(string? qualifier)
    {
        if (qualifier is null || qualifier.Length == 0)
            return "$LATEST";
        foreach (var c in qualifier)
        {
            // An alias runs the version it points to; without versions here, that is $LATEST.
            if (!char.IsAsciiDigit(c))
                return "$LATEST";
        }

        return qualifier;
    }

    /// <param name="executedVersion">Null for Event/DryRun invocations, which report none.</param>
    /// <param name="logTail">LogType "Tail": the function's log tail; it comes back base64 as LogResult and X-Amz-Log-Result.</param>
    public static JObject Build(JValue payload, int statusCode, string? executedVersion, string requestId, DateTimeOffset now, int contentLength, string? logTail = null)
    {
        var logResult = logTail is null ? null : JString.Create(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(logTail)));
        var id = JString.Create(requestId);
        var length = JString.Create(contentLength.ToString(CultureInfo.InvariantCulture));
        // The recordings hold Date as one string in both header maps (the AWS SDK's list was replaced
        // by the recorder); a string is what recorded-case comparison accepts.
        var date = JString.Create(now.ToUniversalTime().ToString("R", CultureInfo.InvariantCulture));
        var trace = JString.Create(TraceId(requestId, now));
        var version = executedVersion is null ? null : executedVersion == "$LATEST" ? Latest : JString.Create(executedVersion);

        var all = new JObjectBuilder(9);
        if (logResult is not null)
            all.Set("X-Amz-Log-Result", JArray.Create(logResult));
        if (version is not null)
            all.Set("X-Amz-Executed-Version", ReferenceEquals(version, Latest) ? LatestList : JArray.Create(version));
        all.Set("x-amzn-Remapped-Content-Length", ZeroList)
            .Set("Connection", KeepAliveList)
            .Set("x-amzn-RequestId", JArray.Create(id))
            .Set("Content-Length", JArray.Create(length))
            .Set("Date", date)
            .Set("X-Amzn-Trace-Id", JArray.Create(trace))
            .Set("Content-Type", JsonList);

        var headers = new JObjectBuilder(8)
            .Set("Connection", KeepAlive)
            .Set("Content-Length", length)
            .Set("Content-Type", Json)
            .Set("Date", date);
        if (version is not null)
            headers.Set("X-Amz-Executed-Version", version);
        if (logResult is not null)
            headers.Set("X-Amz-Log-Result", logResult);
        headers.Set("x-amzn-Remapped-Content-Length", Zero)
            .Set("x-amzn-RequestId", id)
            .Set("X-Amzn-Trace-Id", trace);

        var status = JNumber.Create(statusCode);
        var metadata = new JObjectBuilder(3)
            .Set("AllHttpHeaders", all.Build())
            .Set("HttpHeaders", headers.Build())
            .Set("HttpStatusCode", status)
            .Build();

        var envelope = new JObjectBuilder(6);
        if (version is not null)
            envelope.Set("ExecutedVersion", version);
        if (logResult is not null)
            envelope.Set("LogResult", logResult);
        return envelope.Set("Payload", payload)
            .Set("SdkHttpMetadata", metadata)
            .Set("SdkResponseMetadata", new JObjectBuilder(1).Set("RequestId", id).Build())
            .Set("StatusCode", status)
            .Build();
    }

    /// <summary>The tail of the log Lambda writes for one invocation (START, END and REPORT lines), as LogType "Tail" returns it.</summary>
    public static string LogTail(string requestId, string executedVersion) =>
        $"START RequestId: {requestId} Version: {executedVersion}\nEND RequestId: {requestId}\nREPORT RequestId: {requestId}\tDuration: 1.00 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 32 MB\t\n";

    /// <summary>An X-Ray style trace header: <c>Root=1-{epoch hex}-{24 hex};Sampled=0</c>, derived from the request id.</summary>
    private static string TraceId(string requestId, DateTimeOffset now)
    {
        Span<char> hex = stackalloc char[24];
        var n = 0;
        foreach (var c in requestId)
        {
            if (n == hex.Length)
                break;
            if (char.IsAsciiHexDigit(c))
                hex[n++] = char.ToLowerInvariant(c);
        }

        while (n < hex.Length)
            hex[n++] = '0';
        var epoch = now.ToUnixTimeSeconds().ToString("x8", CultureInfo.InvariantCulture);
        return $"Root=1-{epoch}-{hex};Sampled=0";
    }
}
