using System.Text;
using CsCheck;

namespace Quickstep.Fuzz.Tests;

/// <summary>Inputs made by editing valid seeds (delete, insert, replace, duplicate a slice) and by concatenating grammar tokens.</summary>
internal static class Mutations
{
    /// <summary>Characters that matter to JSON, JSONPath, JSONata and patterns, plus controls, a lone surrogate and non-ASCII.</summary>
    private const string Interesting = "{}[]()\"'\\:,.$@*?!=<>&|~-+/%^#;` \t\n\u0000\u0001\ud800\udc00\uffff\u00e9\u4e2d0123456789eEaAzZ_";

    private static readonly Gen<char> Char = Gen.Frequency(
        (4, Gen.OneOf(Interesting.ToCharArray())),
        (1, Gen.Char));

    private static readonly Gen<Edit> Edits =
        Gen.Select(Gen.Int[0, 4], Gen.Double[0, 1], Gen.Double[0, 1], Char, (kind, at, to, c) => new Edit(kind, at, to, c));

    /// <summary>A seed with 1 to 6 random edits.</summary>
    public static Gen<string> Of(IReadOnlyList<string> seeds) =>
        Gen.Select(Gen.Int[0, seeds.Count - 1], Edits.Array[1, 6], (i, edits) => Apply(seeds[i], edits));

    /// <summary>1 to 12 tokens of a grammar in any order.</summary>
    public static Gen<string> Tokens(IReadOnlyList<string> tokens, int max = 12) =>
        Gen.Int[0, tokens.Count - 1].Array[1, max].Select(ix => string.Concat(ix.Select(i => tokens[i])));

    private static string Apply(string seed, Edit[] edits)
    {
        var sb = new StringBuilder(seed);
        foreach (var e in edits)
        {
            var at = (int)(e.At * sb.Length);
            var to = Math.Min(sb.Length, at + (int)(e.To * 16));
            switch (e.Kind)
            {
                case 0 when sb.Length > 0 && at < sb.Length:
                    sb.Remove(at, Math.Max(1, to - at));
                    break;
                case 1:
                    sb.Insert(at, e.Char);
                    break;
                case 2 when at < sb.Length:
                    sb[at] = e.Char;
                    break;
                case 3 when to > at:
                    sb.Insert(to, sb.ToString(at, to - at));
                    break;
                default:
                    sb.Insert(at, e.Char.ToString() + e.Char);
                    break;
            }
        }

        return sb.ToString();
    }

    private readonly record struct Edit(int Kind, double At, double To, char Char);
}
