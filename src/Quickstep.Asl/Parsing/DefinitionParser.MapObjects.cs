using Quickstep.Asl.Validation;
using Quickstep.Json;

namespace Quickstep.Asl.Parsing;

/// <summary>Distributed Map's ItemReader, ItemBatcher and ResultWriter: shape checks only (the engine runs inline Maps).</summary>
internal sealed partial class DefinitionParser
{
    private static readonly string[] ItemReaderFields = ["Resource", "ReaderConfig", "Parameters", "Arguments"];
    private static readonly string[] ItemBatcherFields = ["MaxItemsPerBatch", "MaxItemsPerBatchPath", "MaxInputBytesPerBatch", "MaxInputBytesPerBatchPath", "BatchInput"];
    private static readonly string[] ResultWriterFields = ["Resource", "Parameters", "Arguments", "WriterConfig"];

    private JValue? ReadMapObject(in StateContext c, string field, string[] fields)
    {
        var value = c.Get(field);
        if (value is null)
            return null;
        var pointer = c.PointerTo(field);
        if (value is not JObject obj)
        {
            Report(DiagnosticCodes.InvalidType, pointer, $"The field '{field}' must be an object.");
            return null;
        }

        foreach (var (key, item) in obj)
        {
            var p = JsonPointer.Append(pointer, key);
            if (Array.IndexOf(fields, key) < 0)
            {
                Report(DiagnosticCodes.UnknownField, p, UnsupportedField(key));
                continue;
            }

            switch (key)
            {
                case "Resource" when item is not JString:
                    Report(DiagnosticCodes.InvalidType, p, "The field 'Resource' must be a string.");
                    break;
                case "Parameters" when c.IsJsonata:
                case "Arguments" when !c.IsJsonata:
                case "MaxItemsPerBatchPath" or "MaxInputBytesPerBatchPath" when c.IsJsonata:
                    Report(DiagnosticCodes.FieldNotAllowedForQueryLanguage, p, WrongLanguageField(c.Language, key));
                    break;
                case "Parameters":
                    CheckTemplate(item, p);
                    break;
                case "Arguments":
                    CheckJsonataValue(item, p);
                    break;
                case "BatchInput":
                    if (c.IsJsonata)
                        CheckJsonataValue(item, p);
                    else
                        CheckTemplate(item, p);
                    break;
                case "MaxItemsPerBatchPath" or "MaxInputBytesPerBatchPath":
                    if (item is JString path)
                        CheckPath(path.Value, p, key, PathKind.Reference);
                    else
                        Report(DiagnosticCodes.InvalidType, p, $"The field '{key}' must be a string (a reference path).");
                    break;
                case "MaxItemsPerBatch" or "MaxInputBytesPerBatch":
                    CheckIntegerOrExpressionValue(item, p, key, c.IsJsonata, 1, int.MaxValue);
                    break;
                case "ReaderConfig" or "WriterConfig" when item is not JObject:
                    Report(DiagnosticCodes.InvalidType, p, $"The field '{key}' must be an object.");
                    break;
                case "ReaderConfig" when ((JObject)item)["MaxItemsPath"] is { } maxItemsPath:
                    if (maxItemsPath is JString readerPath)
                        CheckPath(readerPath.Value, JsonPointer.Append(p, "MaxItemsPath"), "MaxItemsPath", PathKind.Reference);
                    else
                        Report(DiagnosticCodes.InvalidType, JsonPointer.Append(p, "MaxItemsPath"), "The field 'MaxItemsPath' must be a string (a reference path).");
                    break;
            }
        }

        if ((field == "ItemReader" || field == "ResultWriter") && !obj.ContainsKey("Resource"))
            Report(DiagnosticCodes.MissingField, pointer, "These fields are required: [Resource]");
        return obj;
    }

    private void CheckIntegerOrExpressionValue(JValue value, string pointer, string field, bool jsonata, long min, long max)
    {
        switch (value)
        {
            case JNumber n:
                CheckIntegerRange(n, pointer, field, min, max);
                break;
            case JString s when jsonata && IsJsonataExpression(s.Value):
                CheckJsonataString(s.Value, pointer);
                break;
            default:
                Report(DiagnosticCodes.InvalidType, pointer, $"The field '{field}' must be an integer.");
                break;
        }
    }
}
