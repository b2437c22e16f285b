using System.Data.Common;
using System.Globalization;
using static Quickstep.Storage.Rows.DbReads;

namespace Quickstep.Storage.Rows;

/// <summary>State machines, versions and aliases: the columns both dialects select, in order, and the records read from them.</summary>
internal static class DefinitionRows
{
    public const string StateMachineColumns = "arn,name,definition,role_arn,type,logging,tracing,revision_id,creation_date,update_date";

    public const string VersionColumns = "arn,sm_arn,version,definition,role_arn,logging,tracing,revision_id,description,creation_date";

    public const string AliasColumns = "arn,sm_arn,name,description,routing,creation_date,update_date";

    public static StateMachineRecord StateMachine(DbDataReader r) => new()
    {
        Arn = r.GetString(0),
        Name = r.GetString(1),
        Definition = r.GetString(2),
        RoleArn = r.GetString(3),
        Type = r.GetString(4),
        LoggingConfiguration = r.GetString(5),
        TracingConfiguration = r.GetString(6),
        RevisionId = r.GetString(7),
        CreationDate = Date(r, 8),
        UpdateDate = NullableDate(r, 9),
    };

    public static StateMachineVersionRecord Version(DbDataReader r) => new()
    {
        Arn = r.GetString(0),
        StateMachineArn = r.GetString(1),
        Version = r.GetInt32(2),
        Definition = r.GetString(3),
        RoleArn = r.GetString(4),
        LoggingConfiguration = r.GetString(5),
        TracingConfiguration = r.GetString(6),
        RevisionId = r.GetString(7),
        Description = NullableString(r, 8),
        CreationDate = Date(r, 9),
    };

    public static StateMachineAliasRecord Alias(DbDataReader r) => new()
    {
        Arn = r.GetString(0),
        StateMachineArn = r.GetString(1),
        Name = r.GetString(2),
        Description = NullableString(r, 3),
        RoutingConfiguration = StoreJson.Routing(r.GetString(4)),
        CreationDate = Date(r, 5),
        UpdateDate = Date(r, 6),
    };

    public static ResourceTag Tag(DbDataReader r) => new(r.GetString(0), r.GetString(1));

    /// <summary>State machines page by (name, ARN): the key is "name\nARN".</summary>
    public static (StateMachineRecord Item, string Key) StateMachineWithKey(DbDataReader r)
    {
        var s = StateMachine(r);
        return (s, s.Name + "\n" + s.Arn);
    }

    /// <summary>Versions page newest first: the key is the version number.</summary>
    public static (StateMachineVersionRecord Item, string Key) VersionWithKey(DbDataReader r)
    {
        var v = Version(r);
        return (v, v.Version.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Aliases page by name: the key is the name.</summary>
    public static (StateMachineAliasRecord Item, string Key) AliasWithKey(DbDataReader r)
    {
        var a = Alias(r);
        return (a, a.Name);
    }

    /// <summary>The (name, ARN) a state machines' page key holds; (null, null) for the first page.</summary>
    public static (string? Name, string? Arn) SplitStateMachineKey(string? key)
    {
        if (key is null)
            return (null, null);
        var i = key.IndexOf('\n', StringComparison.Ordinal);
        return i < 0 ? (key, "") : (key[..i], key[(i + 1)..]);
    }
}
