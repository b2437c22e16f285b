namespace Quickstep.Server.Services;

/// <summary>
/// One REST-JSON operation as the service model's <c>http</c> trait gives it: method, URI template
/// (<c>/schedules/{Name}</c>; <c>{Name+}</c> takes the rest of the path), the operation, its success status, and which
/// query-string parameters are which input members (<c>ScheduleGroup</c> → <c>GroupName</c>).
/// </summary>
internal sealed record RestJsonRoute(string Method, string Template, string Operation, int SuccessStatus = 200)
{
    /// <summary>Query-string name → input member; a repeated parameter becomes a list.</summary>
    public IReadOnlyDictionary<string, string> Query { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Input members that are lists in the query string (<c>tagKeys=a&amp;tagKeys=b</c>).</summary>
    public IReadOnlySet<string> ListMembers { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The template split on '/', without the leading empty segment.</summary>
    public string[] Segments { get; } = Template.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
}
