using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Quickstep.Aws;
using Quickstep.Json;
using Quickstep.Server.Hosting;

namespace Quickstep.Server.Services;

/// <summary>
/// The REST-JSON protocol (Scheduler, Pipes) in front of one <see cref="IAwsService"/>: the route whose method and URI
/// template match names the operation; path parameters, mapped query-string parameters and the JSON body are merged
/// into its input; the output is the JSON answer with the route's status. Errors answer with the service model's
/// status, <c>x-amzn-ErrorType: Code</c> and <c>{"Message": …}</c> (the member name each service's error shapes use).
/// </summary>
internal sealed class RestJsonEndpoint
{
    private readonly IAwsService _service;
    private readonly IReadOnlyList<RestJsonRoute> _routes;
    private readonly string _messageMember;
    private readonly int _maxRequestBytes;
    private readonly ILogger _logger;

    /// <param name="messageMember">The error shapes' message member: <c>Message</c> (Scheduler) or <c>message</c> (Pipes).</param>
    public RestJsonEndpoint(IAwsService service, IReadOnlyList<RestJsonRoute> routes, string messageMember, int maxRequestBytes, ILogger logger)
    {
        _service = service;
        _routes = routes;
        _messageMember = messageMember;
        _maxRequestBytes = maxRequestBytes;
        _logger = logger;
    }

    public async Task HandleAsync(HttpContext http)
    {
        var operation = "?";
        try
        {
            var (route, pathValues) = Match(http.Request.Method, http.Request.Path.Value ?? "/");
            operation = route.Operation;
            var body = await RequestBody.ReadAsync(http, _maxRequestBytes).ConfigureAwait(false)
                ?? throw new AwsServiceException("ValidationException", RequestBody.TooLarge(http, _maxRequestBytes), 413);
            var members = new List<KeyValuePair<string, JValue>>();
            if (body.Length > 0)
            {
                if (!JsonText.TryParse(Encoding.UTF8.GetString(body.Span), out var parsed, out var error) || parsed is not JObject o)
                    throw new AwsServiceException("SerializationException", error is null ? "The request body must be a JSON object." : "The request body is not valid JSON: " + error);
                members.AddRange(o);
            }

            foreach (var (queryName, member) in route.Query)
            {
                if (!http.Request.Query.TryGetValue(queryName, out var values) || values.Count == 0)
                    continue;
                JValue value = !route.ListMembers.Contains(member)
                    ? JString.Create(values[0] ?? string.Empty)
                    : JArray.Own([.. values.Select(v => (JValue)JString.Create(v ?? string.Empty))]);
                Set(members, member, value);
            }

            foreach (var (member, value) in pathValues)
                Set(members, member, JString.Create(value));
            var output = await _service.InvokeAsync(route.Operation, JObject.Create(members), http.RequestAborted).ConfigureAwait(false);
            await WriteAsync(http, route.SuccessStatus, output).ConfigureAwait(false);
        }
        catch (AwsServiceException e)
        {
            await WriteErrorAsync(http, e).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e)
        {
            await WriteErrorAsync(http, new AwsServiceException("SerializationException", e.Message, e.StatusCode is >= 400 and < 500 ? e.StatusCode : 400)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nobody to answer.
        }
#pragma warning disable CA1031 // every failure is answered in the service's error shape instead of dropping the connection.
        catch (Exception e)
#pragma warning restore CA1031
        {
            var unavailable = Hosting.StoreFaults.Unavailable(e);
            if (unavailable is null)
                Log.OperationCrashed(_logger, operation, e);
            await WriteErrorAsync(http, unavailable ?? new AwsServiceException("InternalServerException", "An internal error occurred: " + e.Message, 500, senderFault: false)).ConfigureAwait(false);
        }
    }

    /// <summary>The route for a method and path, with its path parameters (URL-decoded); UnknownOperationException otherwise.</summary>
    internal (RestJsonRoute Route, List<(string Member, string Value)> Values) Match(string method, string path)
    {
        var segments = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var pathMatched = false;
        foreach (var route in _routes)
        {
            var values = new List<(string, string)>();
            if (!MatchSegments(route.Segments, segments, values))
                continue;
            pathMatched = true;
            if (string.Equals(route.Method, method, StringComparison.OrdinalIgnoreCase))
                return (route, values);
        }

        throw pathMatched
            ? new AwsServiceException("UnknownOperationException", $"The method {method} is not allowed on {path}.", 405)
            : new AwsServiceException("UnknownOperationException", $"No operation matches {method} {path}.", 404);
    }

    private static bool MatchSegments(string[] template, string[] segments, List<(string, string)> values)
    {
        for (var i = 0; i < template.Length; i++)
        {
            var t = template[i];
            if (t.StartsWith('{') && t.EndsWith("+}", StringComparison.Ordinal))
            {
                if (i >= segments.Length)
                    return false;
                values.Add((t[1..^2], Uri.UnescapeDataString(string.Join('/', segments[i..]))));
                return true;
            }

            if (i >= segments.Length)
                return false;
            if (t.StartsWith('{') && t.EndsWith('}'))
                values.Add((t[1..^1], Uri.UnescapeDataString(segments[i])));
            else if (!string.Equals(t, segments[i], StringComparison.Ordinal))
                return false;
        }

        return template.Length == segments.Length;
    }

    private static void Set(List<KeyValuePair<string, JValue>> members, string name, JValue value)
    {
        var at = members.FindIndex(m => m.Key == name);
        if (at >= 0)
            members[at] = new(name, value);
        else
            members.Add(new(name, value));
    }
    private Task WriteErrorAsync(HttpContext http, AwsServiceException e)
    {
        if (!http.Response.HasStarted)
            http.Response.Headers["x-amzn-ErrorType"] = e.Code;
        var body = new JObjectBuilder(1);
        body.AddUnique(_messageMember, JValue.FromString(e.Message));
        return WriteAsync(http, e.StatusCode, body.Build());
    }

    private static async Task WriteAsync(HttpContext http, int status, JValue body)
    {
        if (http.Response.HasStarted)
            return;
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        http.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        var bytes = JsonText.SerializeToUtf8(body);
        http.Response.ContentLength = bytes.Length;
        await http.Response.Body.WriteAsync(bytes, http.RequestAborted).ConfigureAwait(false);
    }
}
