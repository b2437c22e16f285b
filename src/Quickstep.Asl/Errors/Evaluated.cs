using System.Diagnostics.CodeAnalysis;
using Quickstep.Json;

namespace Quickstep.Asl.Errors;

/// <summary>
/// What evaluating a path, template, intrinsic or JSONata field produced: a value, or the
/// <see cref="StatesError"/> Retry and Catch will see. Runtime ASL failures travel as values all the
/// way from the expression to the state's outcome, never as exceptions (exceptions are for bugs).
/// </summary>
internal readonly struct Evaluated
{
    private Evaluated(JValue? value, StatesError? error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>The value; not null unless <see cref="Failed"/>.</summary>
    public JValue? Value { get; }

    public StatesError? Error { get; }

    [MemberNotNullWhen(true, nameof(Error))]
    [MemberNotNullWhen(false, nameof(Value))]
    public bool Failed => Error is not null;

    public static implicit operator Evaluated(JValue value) => new(value, null);

    public static implicit operator Evaluated(StatesError error) => new(null, error);

    /// <summary>The value's JSON text, or the error.</summary>
    public override string ToString() => Error?.ToString() ?? Value?.ToString() ?? string.Empty;

    public static Evaluated Fail(string error, string? cause) => new(null, new StatesError(error, cause));
}
