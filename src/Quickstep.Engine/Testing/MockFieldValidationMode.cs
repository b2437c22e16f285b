namespace Quickstep.Engine.Testing;

/// <summary>How a mocked result is checked against the mocked service API's output shape.</summary>
public enum MockFieldValidationMode
{
    /// <summary>Types, ranges and enums of the fields given, and every required field present.</summary>
    Strict,

    /// <summary>Types, ranges and enums of the fields given only.</summary>
    Present,

    /// <summary>No check.</summary>
    None,
}
