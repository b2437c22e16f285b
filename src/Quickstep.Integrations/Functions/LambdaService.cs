using System.Globalization;
using System.Text;
using Quickstep.Aws;
using Quickstep.Json;

namespace Quickstep.Integrations.Functions;

/// <summary>
/// The Lambda API (signing name <c>lambda</c>) over a <see cref="LambdaFunctionRegistry"/>: Invoke, GetFunction,
/// GetFunctionConfiguration, ListFunctions, in the service model's shapes, except that Invoke's <c>Payload</c> is the
/// JSON text as a string both ways. It lives beside the registry (not in a Services.* project) because the functions,
/// their workers and the embedding API are Integrations' own; the server adds the REST-JSON routes.
/// </summary>
public sealed class LambdaService : IAwsService
{
    private readonly LambdaFunctionRegistry _registry;
    private readonly IRequestIdSource _requestIds;
    private readonly string _region;
    private readonly string _account;

    public LambdaService(LambdaFunctionRegistry registry, string region = "us-east-1", string accountId = "123456789012", IRequestIdSource? requestIds = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _registry = registry;
        _region = region;
        _account = accountId;
        _requestIds = requestIds ?? GuidRequestIdSource.Instance;
    }

    public string SigningName => "lambda";

    /// <summary>Where Event invocations go; default: run detached in this process.</summary>
    public ILambdaEventQueue? EventQueue { get; set; }

    public ValueTask<JValue> InvokeAsync(string operation, JObject input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return operation switch
        {
            "Invoke" => InvokeAsync(input, _requestIds.NextRequestId(), cancellationToken),
            "GetFunction" => new(GetFunction(input)),
            "GetFunctionConfiguration" => new(Configuration(Find(input, out _))),
            "ListFunctions" => new(ListFunctions(input)),
            _ => throw new AwsServiceException("UnknownOperationException", $"Quickstep's Lambda does not serve the operation '{operation}'."),
        };
    }

    /// <summary>Invoke with the request id the caller answers with (x-amzn-RequestId); the function sees the same one.</summary>
    public async ValueTask<JValue> InvokeAsync(JObject input, string requestId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var type = Optional(input, "InvocationType") ?? "RequestResponse";
        if (type is not ("RequestResponse" or "Event" or "DryRun"))
            throw Validation(type, "invocationType", "[Event, RequestResponse, DryRun]");
        var logType = Optional(input, "LogType") ?? "None";
        if (logType is not ("None" or "Tail"))
            throw Validation(logType, "logType", "[None, Tail]");
        var entry = Find(input, out var qualifier);
        JValue payload = JObject.Empty;
        if (input["Payload"] is JString { Value: var text } && text.Length > 0)
        {
            if (!JsonText.TryParse(text, out var parsed, out var error) || parsed is null)
                throw new AwsServiceException("InvalidRequestContentException", $"Could not parse request body into json: Could not parse payload into json: {error}", 400);
            payload = parsed;
        }
        else if (input["Payload"] is { } given and not JString and not JNull)
        {
            payload = given;
        }

        var version = LambdaInvokeEnvelope.ExecutedVersion(qualifier);
        switch (type)
        {
            case "DryRun":
                return Output(204, null, string.Empty, null, null);
            case "Event":
                if (EventQueue is not null)
                    await EventQueue.EnqueueAsync(((JString)input["FunctionName"]!).Value, qualifier, payload, cancellationToken).ConfigureAwait(false);
                else
                    _ = RunDetachedAsync(entry.Function, payload, requestId);
                return Output(202, null, string.Empty, null, null);
        }

        var tail = logType == "Tail";
        var clientContext = Optional(input, "ClientContext");
        var result = await entry.Function.InvokeAsync(payload, new LambdaInvocation { RequestId = requestId, WantsLog = tail, ClientContext = clientContext, InvokedFunctionArn = Arn(entry) }, cancellationToken).ConfigureAwait(false);
        var log = tail ? result.Log ?? LambdaInvokeEnvelope.LogTail(requestId, version) : null;
        if (result.Error is { } failure)
        {
            if (failure.ServiceCode is { } code)
                throw new AwsServiceException(code, failure.ErrorMessage, failure.ServiceStatusCode, failure.ServiceStatusCode < 500);
            return Output(200, "Unhandled", JsonText.Serialize(failure.ToPayload(requestId)), log, version);
        }

        return Output(200, null, JsonText.Serialize(result.Payload ?? JValue.Null), log, version);
    }

    private static JObject Output(int status, string? functionError, string payload, string? log, string? version)
    {
        var output = new JObjectBuilder(5).Set("StatusCode", JNumber.Create(status));
        if (functionError is not null)
            output.Set("FunctionError", JString.Create(functionError));
        if (log is not null)
            output.Set("LogResult", JString.Create(Convert.ToBase64String(Encoding.UTF8.GetBytes(Last4K(log)))));
        output.Set("Payload", JString.Create(payload));
        if (version is not null)
            output.Set("ExecutedVersion", JString.Create(version));
        return output.Build();
    }

    /// <summary>LogResult carries the last 4 KB of the log.</summary>
    private static string Last4K(string log)
    {
        var bytes = Encoding.UTF8.GetBytes(log);
        return bytes.Length <= 4096 ? log : Encoding.UTF8.GetString(bytes, bytes.Length - 4096, 4096);
    }

    private static async Task RunDetachedAsync(LambdaFunction function, JValue payload, string requestId)
    {
        try
        {
            await function.InvokeAsync(payload, new LambdaInvocation { RequestId = requestId }, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // an Event invocation's outcome is nobody's to observe, as on AWS
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private JObject GetFunction(JObject input)
    {
        var entry = Find(input, out _);
        var result = new JObjectBuilder(3)
            .Set("Configuration", Configuration(entry))
            .Set("Code", new JObjectBuilder(2).Set("RepositoryType", JString.Create("Quickstep")).Set("Location", JString.Create(CodeLocation(entry))).Build());
        result.Set("Concurrency", new JObjectBuilder(1).Set("ReservedConcurrentExecutions", JNumber.Create(entry.Settings.Concurrency)).Build());
        return result.Build();
    }

    private static string CodeLocation(RegisteredFunction entry) => entry.Definition switch
    {
        { Kind: FunctionKind.Url, Url: { } url } => url.ToString(),
        { Kind: FunctionKind.Runtime, CodeDirectory: { } dir } => dir,
        { Kind: FunctionKind.Command } d => string.Join(' ', d.Command),
        { Kind: FunctionKind.Worker } d => string.Join(' ', d.Worker),
        _ => "in-process",
    };

    private JObject ListFunctions(JObject input)
    {
        var all = _registry.Functions.OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
        var start = 0;
        if (Optional(input, "Marker") is { } marker && !int.TryParse(marker, NumberStyles.None, CultureInfo.InvariantCulture, out start))
            throw new AwsServiceException("InvalidParameterValueException", "Invalid Marker.", 400);
        // AWS's range is 1 to 10,000, and a page holds at most 50.
        if (input["MaxItems"] is JNumber { Value: < 1 or > 10_000 } outOfRange)
            throw new AwsServiceException("ValidationException", $"1 validation error detected: Value '{outOfRange}' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 10000", 400);
        var max = input["MaxItems"] is JNumber { Value: >= 1 and <= 50 } n ? (int)n.Value : 50;
        var page = all.Skip(start).Take(max).Select(f => (JValue)Configuration(f)).ToArray();
        var output = new JObjectBuilder(2).Set("Functions", JArray.Own(page));
        if (start + max < all.Count)
            output.Set("NextMarker", JString.Create((start + max).ToString(CultureInfo.InvariantCulture)));
        return output.Build();
    }

    private JObject Configuration(RegisteredFunction entry)
    {
        var settings = entry.Settings;
        var config = new JObjectBuilder(16)
            .Set("FunctionName", JString.Create(entry.Name))
            .Set("FunctionArn", JString.Create(Arn(entry)))
            .Set("Runtime", JString.Create(entry.Definition?.Runtime switch { "nodejs" => "nodejs20.x", "python" => "python3.12", _ => "provided.al2023" }));
        if (entry.Definition?.Handler is { } handler)
            config.Set("Handler", JString.Create(handler));
        config.Set("Description", JString.Create($"Quickstep {entry.Kind.ToString().ToLowerInvariant()} function"))
            .Set("Timeout", JNumber.Create((int)Math.Ceiling(settings.TimeoutSeconds)))
            .Set("MemorySize", JNumber.Create(settings.MemorySize))
            .Set("Version", JString.Create("$LATEST"))
            .Set("State", JString.Create("Active"))
            .Set("LastUpdateStatus", JString.Create("Successful"))
            .Set("PackageType", JString.Create("Zip"));
        if (settings.Environment.Count > 0)
        {
            var variables = new JObjectBuilder(settings.Environment.Count);
            foreach (var (name, value) in settings.Environment)
                variables.Set(name, JString.Create(value));
            config.Set("Environment", new JObjectBuilder(1).Set("Variables", variables.Build()).Build());
        }

        return config.Build();
    }

    /// <summary>The function a name or ARN names, with its unqualified ARN (the asynchronous queue's retries and destinations).</summary>
    public bool TryGetFunction(string functionName, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out RegisteredFunction? entry, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? functionArn)
    {
        entry = LambdaFunctionReference.TryParseFunctionName(functionName, out var reference) ? _registry.FindEntry(reference, _region, _account) : null;
        functionArn = entry is null ? null : Arn(entry);
        return entry is not null;
    }

    private string Arn(RegisteredFunction entry) =>
        entry.Key.StartsWith("arn:", StringComparison.Ordinal) && LambdaFunctionReference.TryParseArn(entry.Key, out var r)
            ? r.UnqualifiedArn!
            : LambdaFunctionReference.BuildArn("aws", _region, _account, entry.Key);

    private RegisteredFunction Find(JObject input, out string? qualifier)
    {
        if (input["FunctionName"] is not JString { Value: var name } || name.Length == 0)
            throw new AwsServiceException("ValidationException", "1 validation error detected: Value null at 'functionName' failed to satisfy constraint: Member must not be null", 400);
        if (!LambdaFunctionReference.TryParseFunctionName(name, out var reference))
        {
            throw new AwsServiceException("ValidationException",
                $"1 validation error detected: Value '{name}' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{{2}}(-gov)?-[a-z]+-\\d{{1}}:)?(\\d{{12}}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?", 400);
        }

        qualifier = reference.Qualifier;
        if (Optional(input, "Qualifier") is { } given)
        {
            if (qualifier is not null && qualifier != given)
                throw new AwsServiceException("InvalidParameterValueException", "The derived qualifier from the function name does not match the specified qualifier.", 400);
            qualifier = given;
        }

        var unqualified = reference.UnqualifiedArn ?? LambdaFunctionReference.BuildArn(reference.Partition ?? "aws", reference.Region ?? _region, reference.Account ?? _account, reference.Name);
        return _registry.FindEntry(reference, _region, _account)
            ?? throw new AwsServiceException("ResourceNotFoundException", $"Function not found: {unqualified}{(qualifier is null ? string.Empty : ":" + qualifier)}", 404);
    }

    private static string? Optional(JObject input, string member) => input[member] is JString { Value: var v } ? v : null;

    private static AwsServiceException Validation(string value, string member, string values) =>
        new("ValidationException", $"1 validation error detected: Value '{value}' at '{member}' failed to satisfy constraint: Member must satisfy enum value set: {values}", 400);
}
