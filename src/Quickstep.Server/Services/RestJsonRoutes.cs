namespace Quickstep.Server.Services;

/// <summary>The REST-JSON route tables of Scheduler (2021-06-30) and Pipes (2015-10-07), from the services' models.</summary>
internal static class RestJsonRoutes
{
    public static readonly IReadOnlyList<RestJsonRoute> Scheduler =
    [
        new("GET", "/schedules", "ListSchedules")
        {
            Query = Map(("ScheduleGroup", "GroupName"), ("MaxResults", "MaxResults"), ("NamePrefix", "NamePrefix"), ("NextToken", "NextToken"), ("State", "State")),
        },
        new("POST", "/schedules/{Name}", "CreateSchedule"),
        new("GET", "/schedules/{Name}", "GetSchedule") { Query = Map(("groupName", "GroupName")) },
        new("PUT", "/schedules/{Name}", "UpdateSchedule"),
        new("DELETE", "/schedules/{Name}", "DeleteSchedule") { Query = Map(("clientToken", "ClientToken"), ("groupName", "GroupName")) },
        new("GET", "/schedule-groups", "ListScheduleGroups") { Query = Map(("MaxResults", "MaxResults"), ("NamePrefix", "NamePrefix"), ("NextToken", "NextToken")) },
        new("POST", "/schedule-groups/{Name}", "CreateScheduleGroup"),
        new("GET", "/schedule-groups/{Name}", "GetScheduleGroup"),
        new("DELETE", "/schedule-groups/{Name}", "DeleteScheduleGroup") { Query = Map(("clientToken", "ClientToken")) },
    ];

    public static readonly IReadOnlyList<RestJsonRoute> Pipes =
    [
        new("GET", "/v1/pipes", "ListPipes")
        {
            Query = Map(("NamePrefix", "NamePrefix"), ("DesiredState", "DesiredState"), ("CurrentState", "CurrentState"), ("SourcePrefix", "SourcePrefix"),
                ("TargetPrefix", "TargetPrefix"), ("NextToken", "NextToken"), ("Limit", "Limit")),
        },
        new("POST", "/v1/pipes/{Name}", "CreatePipe"),
        new("GET", "/v1/pipes/{Name}", "DescribePipe"),
        new("PUT", "/v1/pipes/{Name}", "UpdatePipe"),
        new("DELETE", "/v1/pipes/{Name}", "DeletePipe"),
        new("POST", "/v1/pipes/{Name}/start", "StartPipe"),
        new("POST", "/v1/pipes/{Name}/stop", "StopPipe"),
    ];

    private static Dictionary<string, string> Map(params (string Query, string Member)[] pairs) =>
        pairs.ToDictionary(p => p.Query, p => p.Member, StringComparer.Ordinal);
}
