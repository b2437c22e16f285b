using System.Data.Common;
using static Quickstep.Storage.Rows.DbReads;

namespace Quickstep.Storage.Rows;

/// <summary>
/// EventBridge Pipes: the statements both dialects run (the same text: SQLite and PostgreSQL both take <c>@name</c>
/// parameters), their parameters and the record read from a row.
/// </summary>
internal static class PipeRows
{
    public const string Columns = "name,arn,desired_state,source,target,json,creation_time,update_time";

    public const string Insert = $"INSERT INTO pipes({Columns}) VALUES(@n,@a,@d,@s,@t,@j,@c,@u) ON CONFLICT(name) DO NOTHING";

    public const string SelectOne = $"SELECT {Columns} FROM pipes WHERE name=@n";

    public const string SelectAll = $"SELECT {Columns} FROM pipes ORDER BY name";

    public const string Update = "UPDATE pipes SET arn=@a,desired_state=@d,source=@s,target=@t,json=@j,creation_time=@c,update_time=@u WHERE name=@n";

    public const string Delete = "DELETE FROM pipes WHERE name=@n";

    /// <summary>The parameter of <see cref="SelectOne"/> and <see cref="Delete"/>.</summary>
    public static (string, object?) Name(string name) => ("@n", name);

    /// <summary>The parameters of <see cref="Insert"/> and <see cref="Update"/>.</summary>
    public static (string, object?)[] Args(PipeRecord p) =>
    [
        ("@n", p.Name), ("@a", p.Arn), ("@d", p.DesiredState), ("@s", p.Source), ("@t", p.Target), ("@j", p.Json),
        ("@c", p.CreationTime.ToUnixTimeMilliseconds()), ("@u", p.LastModifiedTime.ToUnixTimeMilliseconds()),
    ];

    public static PipeRecord Read(DbDataReader r) => new()
    {
        Name = r.GetString(0),
        Arn = r.GetString(1),
        DesiredState = r.GetString(2),
        Source = r.GetString(3),
        Target = r.GetString(4),
        Json = r.GetString(5),
        CreationTime = Date(r, 6),
        LastModifiedTime = Date(r, 7),
    };
}
