using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Quickstep.Json;

namespace Quickstep.Jsonata;

/// <summary>
/// Functions Step Functions adds to JSONata (asl-features.md §3.5): $partition, $range (end inclusive),
/// $hash, $random([seed]), $uuid, $parse. Error codes of our own: D3200 ($partition size), D3201 ($range
/// step/limit), D3202 ($hash algorithm), D3203 ($parse of text that is not JSON).
/// </summary>
internal static partial class Builtins
{
    /// <summary>$range refuses to build more items than the range operator (..) allows.</summary>
    private const int MaxRangeItems = 10_000_000;

    private static void AddAws(List<BuiltinFunction> l)
    {
        l.Add(new("partition", "<an:a>", (ev, a, i) =>
        {
            if (Arg(a, 0) is not { } v)
                return null;
            var size = Num(a, 1)!.Value;
            if (size < 1 || Math.Floor(size) != size)
                throw new JsonataException("D3200", "The size argument of $partition must be a positive integer");
            var list = List(v);
            var r = new Seq(false);
            for (var k = 0; k < list.Count; k += (int)size)
            {
                var chunk = new Seq(false);
                for (var j = k; j < Math.Min(list.Count, k + (int)size); j++)
                    chunk.Add(list[j]);
                r.Add(chunk);
            }

            return r;
        }));
        l.Add(new("range", "<nnn?:a>", (ev, a, i) =>
        {
            var start = Num(a, 0)!.Value;
            var end = Num(a, 1)!.Value;
            var step = Num(a, 2) ?? 1;
            var r = new Seq(false);
            if (step == 0 || (step > 0 && start > end) || (step < 0 && start < end))
                return r;
            if (Math.Abs((end - start) / step) >= MaxRangeItems)
                throw new JsonataException("D3201", "The $range function would produce more than 1e7 items");
            ev.Charge((long)Math.Abs((end - start) / step) + 1);
            if (step > 0)
            {
                for (var x = start; x <= end; x += step)
                    r.Add(N(x));
            }
            else
            {
                for (var x = start; x >= end; x += step)
                    r.Add(N(x));
            }

            // AWS returns a JSONata sequence: one item comes back as itself (recorded: test_array_range#exec_hist_resp_2).
            return r.Count == 1 ? r[0] : r;
        }, 2));
        l.Add(new("hash", "<s-s?:s>", (ev, a, i) =>
        {
            if (Str(a, 0) is not { } s)
                return null;
            var bytes = Encoding.UTF8.GetBytes(s);
            byte[] digest = (Str(a, 1) ?? "SHA-256") switch
            {
#pragma warning disable CA5351 // MD5 is what the user asked for by name; it is not used for security here.
                "MD5" => MD5.HashData(bytes),
#pragma warning restore CA5351
#pragma warning disable CA5350 // SHA-1 likewise: a requested digest, not a security decision.
                "SHA-1" => SHA1.HashData(bytes),
#pragma warning restore CA5350
                "SHA-256" => SHA256.HashData(bytes),
                "SHA-384" => SHA384.HashData(bytes),
                "SHA-512" => SHA512.HashData(bytes),
                var other => throw new JsonataException("D3202", "Unsupported hash algorithm: " + other + ". Use one of MD5, SHA-1, SHA-256, SHA-384, SHA-512"),
            };
            return S(Convert.ToHexStringLower(digest));
        }, 1));
        l.Add(new("random", "<n?:n>", (ev, a, i) =>
        {
            if (Num(a, 0) is { } seed)
                return N(new Random(unchecked((int)(long)seed)).NextDouble());
            return N(ev.Services.NextDouble());
        }, 0));
        l.Add(new("uuid", "<:s>", (ev, a, i) => S(ev.Services.NewGuid().ToString("D", CultureInfo.InvariantCulture))));
        l.Add(new("parse", "<s-:x>", (ev, a, i) =>
        {
            if (Str(a, 0) is not { } s)
                return null;
            try
            {
                return JsonText.Parse(s);
            }
            catch (JsonTextException e)
            {
                throw new JsonataException("D3203", "$parse: the text is not JSON: " + e.Message);
            }
        }));
    }
}
