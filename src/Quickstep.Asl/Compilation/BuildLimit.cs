using Quickstep.Asl.Errors;
using Quickstep.Json;

namespace Quickstep.Asl.Compilation;

/// <summary>
/// What a payload template or an intrinsic may build: no more than AWS's 256 KiB payload, since the result would
/// fail the state with States.DataLimitExceeded anyway. Checked while building, so that a template with thousands
/// of fields (or a States.Format with thousands of placeholders) fails before it takes the process's memory.
/// </summary>
internal static class BuildLimit
{
    /// <summary>262,144 bytes (AWS's payload quota).</summary>
    public const int MaxBytes = 256 * 1024;

    /// <summary>States.DataLimitExceeded without a cause: the state that evaluated the template names itself in it.</summary>
    public static StatesError Exceeded() => new(StatesErrors.DataLimitExceeded, null);

    /// <summary>
    /// Adds <paramref name="value"/>'s size to <paramref name="total"/>; returns the error once the total passes the limit, else null. A string
    /// counts its characters and a scalar nothing (cheap, and enough to bound memory: the state's payload check
    /// measures UTF-8 bytes exactly); a container its UTF-8 size, which containers cache.
    /// </summary>
    public static StatesError? Add(ref long total, JValue value)
    {
        total += value switch
        {
            JString s => s.Value.Length,
            JArray or JObject => value.Utf8Size,
            _ => 0,
        };
        return total > MaxBytes ? Exceeded() : null;
    }
}
