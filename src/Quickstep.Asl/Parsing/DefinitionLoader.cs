using Quickstep.Asl.Model;
using Quickstep.Asl.Validation;

namespace Quickstep.Asl.Parsing;

/// <summary>Parses and validates a definition in one step. CONTRACT STUB: signatures are fixed.</summary>
public static class DefinitionLoader
{
    /// <summary>
    /// Parses <paramref name="json"/> into a model and validates it, collecting every diagnostic.
    /// Never throws on bad input: malformed JSON is a diagnostic too.
    /// </summary>
    public static LoadResult Load(string json, LoadOptions? options = null) => throw new NotImplementedException(json + options);
}
