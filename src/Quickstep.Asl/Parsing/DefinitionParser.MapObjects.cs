using Quickstep.Asl.Validation;
using Quickstep.Json;

namespace Quickstep.Asl.Parsing;

/// <summary>Distributed Map's ItemReader, ItemBatcher and ResultWriter: their shapes and field combinations.</summary>
internal sealed partial class DefinitionParser
{
    private static readonly string[] ItemReaderFields = ["Resource", "ReaderConfig", "Parameters", "Arguments"];
    private static readonly string[] ItemBatcherFields = ["MaxItemsPerBatch", "MaxItemsPerBatchPath", "MaxInputBytesPerBatch", "MaxInputBytesPerBatchPath", "BatchInput"];
    private static readonly string[] ResultWriterFields = ["Resource", "Parameters", "Arguments", "WriterConfig"];

    private JObject? ReadMapObject(in StateContext c, string field, string[] fields)
    {
        if (ReadTyped<JObject>(c.Get(field), c.Pointer, field, "an object") is not { } obj)
            return null;
        var pointer = c.PointerTo(field);
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

        if (field == "ItemReader" && !obj.ContainsKey("Resource"))
            Report(DiagnosticCodes.MissingField, pointer, "These fields are required: [Resource]");
        if (field == "ItemReader" && obj["ReaderConfig"] is JObject reader)
            CheckReaderConfig(reader, JsonPointer.Append(pointer, "ReaderConfig"), obj["Resource"] as JString);
        if (field == "ResultWriter")
            CheckResultWriter(obj, pointer, c.IsJsonata);
        return obj;
    }

    /// <summary>
    /// ReaderConfig's InputType and ManifestType (https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemreader.html):
    /// S3_INVENTORY takes no InputType (it is CSV), ATHENA_DATA needs one of CSV, JSONL, PARQUET; a manifest is read with s3:getObject.
    /// </summary>
    private void CheckReaderConfig(JObject config, string pointer, JString? resource)
    {
        var inputType = ReadEnum(config, pointer, "InputType", "CSV", "JSON", "JSONL", "PARQUET", "MANIFEST");
        var manifestType = ReadEnum(config, pointer, "ManifestType", "ATHENA_DATA", "S3_INVENTORY");
        if (manifestType == "S3_INVENTORY" && config.ContainsKey("InputType"))
            Report(DiagnosticCodes.MutuallyExclusiveFields, JsonPointer.Append(pointer, "InputType"), "ManifestType S3_INVENTORY takes no InputType: an S3 inventory is CSV.");
        if (manifestType == "ATHENA_DATA" && inputType is not ("CSV" or "JSONL" or "PARQUET"))
            Report(DiagnosticCodes.InvalidValue, pointer, "ManifestType ATHENA_DATA needs InputType CSV, JSONL or PARQUET.");
        var manifest = inputType == "MANIFEST" || manifestType is not null;
        if (manifest && resource is { } r && r.Value != "arn:aws:states:::s3:getObject")
            Report(DiagnosticCodes.InvalidValue, JsonPointer.Append(pointer, manifestType is null ? "InputType" : "ManifestType"), $"A manifest is read with the resource 'arn:aws:states:::s3:getObject', not '{r.Value}'.");
    }

    /// <summary>
    /// ResultWriter's field combinations (https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html):
    /// WriterConfig alone, Resource with Parameters (Arguments), or all three; the resource is s3:putObject.
    /// </summary>
    private void CheckResultWriter(JObject writer, string pointer, bool jsonata)
    {
        var parametersField = jsonata ? "Arguments" : "Parameters";
        var hasResource = writer.ContainsKey("Resource");
        var hasParameters = writer.ContainsKey(parametersField);
        var config = writer["WriterConfig"] as JObject;
        if (!hasResource && !hasParameters && config is null)
            Report(DiagnosticCodes.MissingField, pointer, $"The field 'ResultWriter' needs 'WriterConfig', or 'Resource' and '{parametersField}', or all three.");
        else if (hasResource && !hasParameters)
            Report(DiagnosticCodes.MissingField, pointer, $"These fields are required: [{parametersField}]");
        else if (!hasResource && hasParameters)
            Report(DiagnosticCodes.MissingField, pointer, "These fields are required: [Resource]");
        if (writer["Resource"] is JString resource && resource.Value != "arn:aws:states:::s3:putObject")
            Report(DiagnosticCodes.InvalidValue, JsonPointer.Append(pointer, "Resource"), $"The ResultWriter resource must be 'arn:aws:states:::s3:putObject', not '{resource.Value}'.");
        if (writer[parametersField] is JObject parameters && !jsonata && !parameters.ContainsKey("Bucket") && !parameters.ContainsKey("Bucket.$"))
            Report(DiagnosticCodes.MissingField, JsonPointer.Append(pointer, parametersField), "These fields are required: [Bucket]");
        if (config is null)
            return;
        var configPointer = JsonPointer.Append(pointer, "WriterConfig");
        foreach (var (key, _) in config)
        {
            if (key is not ("OutputType" or "Transformation"))
                Report(DiagnosticCodes.UnknownField, JsonPointer.Append(configPointer, key), UnsupportedField(key));
        }

        var outputType = ReadEnum(config, configPointer, "OutputType", "JSON", "JSONL");
        ReadEnum(config, configPointer, "Transformation", "NONE", "COMPACT", "FLATTEN");
        // JSON Lines are a file format: without Resource the results are the state's output, which is JSON.
        if (outputType == "JSONL" && !hasResource)
            Report(DiagnosticCodes.InvalidValue, JsonPointer.Append(configPointer, "OutputType"), "OutputType JSONL needs 'Resource' and the S3 location to write to; the state output itself is JSON.");
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
