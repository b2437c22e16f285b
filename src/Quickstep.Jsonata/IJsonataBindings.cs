using System.Diagnostics.CodeAnalysis;
using Quickstep.Json;

namespace Quickstep.Jsonata;

/// <summary>
/// The variables a host binds around an expression: a <c>$name</c> that the expression does not bind
/// itself is asked for here before the function library. Called during evaluation, so answer quickly.
/// </summary>
public interface IJsonataBindings
{
    /// <summary>The value of <c>$name</c> (<paramref name="name"/> without the <c>$</c>); false when the host does not bind it.</summary>
    bool TryGetVariable(string name, [NotNullWhen(true)] out JValue? value);

    /// <summary>
    /// <c>$name.field</c> without building <c>$name</c> whole: true with the field's value (null for undefined)
    /// when the host answers; false to look <c>$name</c> up with <see cref="TryGetVariable"/> and step into it.
    /// </summary>
    bool TryGetField(string name, string field, out JValue? value);
}
