using System.Data.Common;
using System.Globalization;
using Quickstep.Engine;
using static Quickstep.Storage.Rows.DbReads;

namespace Quickstep.Storage.Rows;

/// <summary>Executions and their log rows: the columns both dialects select, in order, and the records read from them.</summary>
internal static class ExecutionRows
{
    public const string Columns = "arn,sm_arn,version_arn,alias_arn,name,status,input,output,error,cause,trace_header,start_date,stop_date,sync,billed_ms,billed_mb,log_level,log_data";

    /// <summary>An execution; <c>sync</c> and <c>log_data</c> are booleans in PostgreSQL and 0/1 in SQLite, which GetBoolean reads alike.</summary>
    public static ExecutionRecord Execution(DbDataReader r) => new()
    {
        Arn = r.GetString(0),
        StateMachineArn = r.GetString(1),
        StateMachineVersionArn = NullableString(r, 2),
        StateMachineAliasArn = NullableString(r, 3),
        Name = r.GetString(4),
        Status = ExecutionStatusNames.Parse(r.GetString(5)),
        Input = r.GetString(6),
        Output = NullableString(r, 7),
        Error = NullableString(r, 8),
        Cause = NullableString(r, 9),
        TraceHeader = NullableString(r, 10),
        StartDate = Date(r, 11),
        StopDate = NullableDate(r, 12),
        Sync = r.GetBoolean(13),
        BilledDurationMilliseconds = r.GetInt64(14),
        BilledMemoryMegabytes = r.GetInt64(15),
        LogLevel = NullableString(r, 16),
        LogIncludesExecutionData = r.GetBoolean(17),
    };

    /// <summary>Executions page newest first by their sequence number, selected after <see cref="Columns"/>: the key is that number.</summary>
    public static (ExecutionRecord Item, string Key) ExecutionWithSeqKey(DbDataReader r) => (Execution(r), r.GetInt64(18).ToString(CultureInfo.InvariantCulture));

    /// <summary>The sequence number a page key holds (null for the first page; 0, an empty page, for a key that is not one).</summary>
    public static long? SeqBelow(string? after) => after is null ? null : long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out var k) ? k : 0;
}
