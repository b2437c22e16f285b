using System.Text.Json;

namespace Quickstep.Server.Metering;

/// <summary>
/// Express billing as AWS computes it (https://aws.amazon.com/step-functions/pricing/): duration rounded
/// up to the next 100 ms; memory estimated as 50 MB + definition size + execution data size × number of
/// Parallel/Map states, billed in 64 MB chunks.
/// </summary>
internal static class Billing
{
    private const long Mb = 1024 * 1024;

    public static long BilledDurationMilliseconds(TimeSpan duration)
    {
        var ms = (long)Math.Ceiling(Math.Max(0, duration.TotalMilliseconds));
        return Math.Max(100, (ms + 99) / 100 * 100);
    }

    public static long BilledMemoryMegabytes(long definitionBytes, long dataBytes, int mapAndParallelStates)
    {
        var bytes = (50 * Mb) + definitionBytes + (dataBytes * Math.Max(1, mapAndParallelStates));
        var mb = (bytes + Mb - 1) / Mb;
        return (mb + 63) / 64 * 64;
    }

    /// <summary>Counts Map and Parallel states anywhere in a definition (0 for text that is not JSON).</summary>
    public static int CountMapAndParallel(string definition)
    {
        try
        {
            using var doc = JsonDocument.Parse(definition, new JsonDocumentOptions { MaxDepth = 256 });
            return Count(doc.RootElement);
        }
        catch (JsonException)
        {
            return 0;
        }
    }

    private static int Count(JsonElement e)
    {
        var n = 0;
        if (e.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in e.EnumerateObject())
            {
                if (p.NameEquals("Type") && p.Value.ValueKind == JsonValueKind.String && p.Value.GetString() is "Map" or "Parallel")
                    n++;
                n += Count(p.Value);
            }
        }
        else if (e.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in e.EnumerateArray())
                n += Count(item);
        }

        return n;
    }
}
