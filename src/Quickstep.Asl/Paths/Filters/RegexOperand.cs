using System.Text.RegularExpressions;
using Quickstep.Json;

namespace Quickstep.Asl.Paths.Filters;

/// <summary><c>/pattern/flags</c>, compiled once; Jayway's <c>=~</c> matches the whole string.</summary>
internal sealed class RegexOperand(Regex regex, string text) : FilterOperand
{
    public Regex Regex { get; } = regex;

    /// <summary>The pattern as written in the path.</summary>
    public string Pattern => text;

    public override JValue? Resolve(JValue current, JValue root) => JString.Create(text);
}
