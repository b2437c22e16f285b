namespace Quickstep.Engine.Testing;

/// <summary>Checks a mocked Task result against the output shape of the service API the resource calls (the integrations know the shapes).</summary>
public interface IMockResultValidator
{
    /// <summary>Null when <paramref name="result"/> fits; else the problem, in AWS's words ("Field 'X' must be a string").</summary>
    string? Validate(string resource, JValue result, MockFieldValidationMode mode);
}
