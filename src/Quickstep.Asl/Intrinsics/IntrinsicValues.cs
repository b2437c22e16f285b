using Quickstep.Json;

namespace Quickstep.Asl.Intrinsics;

/// <summary>
/// The evaluated arguments of a <see cref="TypedIntrinsicCall"/>, already checked against their kinds, so
/// the typed getters only cast. Held in the struct itself (no array per call).
/// </summary>
internal readonly struct IntrinsicValues
{
    public const int MaxCount = 3;

    private readonly JValue? _first;
    private readonly JValue? _second;
    private readonly JValue? _third;

    public IntrinsicValues(JValue? first, JValue? second, JValue? third, int count)
    {
        _first = first;
        _second = second;
        _third = third;
        Count = count;
    }

    /// <summary>How many arguments the call gave (an optional parameter may be left out).</summary>
    public int Count { get; }

    public JValue this[int index] => index switch
    {
        0 => _first!,
        1 => _second!,
        2 => _third!,
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    public string String(int index) => ((JString)this[index]).Value;

    public double Number(int index) => ((JNumber)this[index]).Value;

    /// <summary>An integer argument, known to fit in 32 bits.</summary>
    public int Int(int index) => (int)Number(index);

    public JArray Array(int index) => (JArray)this[index];

    public JObject Object(int index) => (JObject)this[index];

    public bool Bool(int index) => ((JBool)this[index]).Value;
}
