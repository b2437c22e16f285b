using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Quickstep.Aws;
using Quickstep.Json;
using RouteMatch = (Quickstep.Server.Services.RestJsonRoute Route, System.Collections.Generic.List<(string Member, string Value)> PathValues);

namespace Quickstep.Server.Services;

/// <summary>
/// The REST-JSON protocol (Scheduler, Pipes) in front of one <see cref="IAwsService"/>: the route whose method and URI
/// template match names the operation; path parameters, mapped query-string parameters and the JSON body are merged
/// into its input; the output is the JSON answer with the route's status. Errors answer with the service model's
/// status, <c>x-amzn-ErrorType: Code</c> and <c>{"Message": …}</c> (the member name each service's error shapes use).
/// </summary>
internal sealed class RestJsonEndpoint : JsonEndpoint<RouteMatch>
{
    private readonly IReadOnlyList<RestJsonRoute> _routes;
    private readonly string _messageMember;

    /// <param name="messageMember">The error shapes' message member: <c>Message</c> (Scheduler) or <c>message</c> (Pipes).</param>
    public RestJsonEndpoint(IAwsService service, IReadOnlyList<RestJsonRoute> routes, string messageMember, int maxRequestBytes, ILogger logger)
        : base(service, "application/json", "ValidationException", "InternalServerException", maxRequestBytes, logger)
    {
        _routes = routes;
        _messageMember = messageMember;
    }

    protected override (string Operation, RouteMatch Route) Resolve(HttpContext http)
    {
        var match = Match(http.Request.Method, http.Request.Path.Value ?? "/");
        return (match.Route.Operation, match);
    }

    /// <summary>The body's members, then the mapped query-string parameters, then the path parameters (a later one replaces an earlier one).</summary>
    protected override JObject Input(HttpContext http, RouteMatch match, JObject body)
    {
        var (route, pathValues) = match;
        var members = new JObjectBuilder();
        foreach (var (name, value) in body)
            members.Set(name, value);
        foreach (var (queryName, member) in route.Query)
        {
            if (!http.Request.Query.TryGetValue(queryName, out var values) || values.Count == 0)
                continue;
            JValue value = !route.ListMembers.Contains(member)
                ? JString.Create(values[0] ?? string.Empty)
                : JArray.Own([.. values.Select(v => (JValue)JString.Create(v ?? string.Empty))]);
            members.Set(member, value);
        }

        foreach (var (member, value) in pathValues)
            members.Set(member, JString.Create(value));
        return members.Build();
    }

    protected override int SuccessStatus(RouteMatch match) => match.Route.SuccessStatus;

    protected override JValue ErrorBody(HttpContext http, AwsServiceException e)
    {
        if (!http.Response.HasStarted)
            http.Response.Headers["x-amzn-ErrorType"] = e.Code;
        var body = new JObjectBuilder(1);
        body.AddUnique(_messageMember, JValue.FromString(e.Message));
        return body.Build();
    }

    /// <summary>The route for a method and path, with its path parameters (URL-decoded); UnknownOperationException otherwise.</summary>
    internal RouteMatch Match(string method, string path)
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
}
