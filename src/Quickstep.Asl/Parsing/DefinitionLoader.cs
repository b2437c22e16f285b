using Quickstep.Asl.Validation;
using Quickstep.Json;

namespace Quickstep.Asl.Parsing;

/// <summary>Parses and validates a definition in one step.</summary>
public static class DefinitionLoader
{
    /// <summary>
    /// Parses <paramref name="json"/> into a model and validates it, collecting every diagnostic.
    /// Never throws on bad input: malformed JSON is a diagnostic too.
    /// </summary>
    public static LoadResult Load(string json, LoadOptions? options = null)
    {
        options ??= new LoadOptions();
        var bag = new DiagnosticBag();
        if (string.IsNullOrWhiteSpace(json))
        {
            bag.Add(DiagnosticCodes.InvalidJsonDescription, "", "The definition is empty: expected a JSON object.");
            return new LoadResult(null, bag.Items);
        }

        if (!JsonText.TryParse(json, out var value, out var error))
        {
            bag.Add(DiagnosticCodes.InvalidJsonDescription, "", $"The definition is not valid JSON: {error}");
            return new LoadResult(null, bag.Items);
        }

        if (value is not JObject root)
        {
            // Recorded AWS message (asl-api.md, ValidateStateMachineDefinition).
            bag.Add(DiagnosticCodes.SchemaValidationFailed, "", "Definition must be a valid JSON object");
            return new LoadResult(null, bag.Items);
        }

        var definition = new DefinitionParser(bag, options).Parse(root);
        return new LoadResult(definition, bag.Items);
    }
}
