namespace Quickstep.Asl.Paths.Filters;

/// <summary>A filter's regular expression timed out; never leaves <see cref="JsonPath.Select(in Compilation.EvaluationScope, out Errors.StatesError?)"/> (returned there as a value).</summary>
internal sealed class FilterTimeoutException(string message) : Exception(message);
