using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Quickstep.Json;

/// <summary>Reads JSON text into <see cref="JValue"/>s and writes them back.</summary>
public static class JsonText
{
    /// <summary>The default nesting limit, generous enough for any real payload.</summary>
    public const int DefaultMaxDepth = 512;

    private static readonly JsonWriterOptions CompactWriter = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
        Indented = false,
    };

    private static readonly JsonWriterOptions IndentedWriter = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
        Indented = true,
    };

    public static JValue Parse(string text, int maxDepth = DefaultMaxDepth)
    {
        ArgumentNullException.ThrowIfNull(text);
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        byte[]? rented = null;
        var buffer = max <= 1024 ? stackalloc byte[max] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            var n = Encoding.UTF8.GetBytes(text, buffer);
            return Parse(buffer[..n], maxDepth);
        }
        finally
        {
            if (rented is not null)
                ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Parses UTF-8 JSON; invalid UTF-8, trailing content or excess depth throw <see cref="JsonTextException"/>.</summary>
    public static JValue Parse(ReadOnlySpan<byte> utf8, int maxDepth = DefaultMaxDepth)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = maxDepth, CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            if (!reader.Read())
                throw new JsonTextException("The input is empty: expected a JSON value.");
            var value = ReadValue(ref reader);
            if (reader.Read())
                throw new JsonTextException($"Unexpected content after the JSON value at byte {reader.TokenStartIndex}.");
            return value;
        }
        catch (JsonException e)
        {
            throw new JsonTextException(e.Message, e);
        }
        catch (InvalidOperationException e)
        {
            throw new JsonTextException(e.Message, e);
        }
    }

    public static bool TryParse(string text, out JValue? value, out string? error)
    {
        try
        {
            value = Parse(text);
            error = null;
            return true;
        }
        catch (JsonTextException e)
        {
            value = null;
            error = e.Message;
            return false;
        }
    }

    private static JValue ReadValue(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                {
                    var builder = new JObjectBuilder();
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                    {
                        var key = reader.GetString()!;
                        reader.Read();
                        builder.Set(key, ReadValue(ref reader));
                    }

                    return builder.Build();
                }

            case JsonTokenType.StartArray:
                {
                    var items = new List<JValue>();
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                        items.Add(ReadValue(ref reader));
                    return JArray.Own([.. items]);
                }

            case JsonTokenType.String:
                return JString.Create(reader.GetString()!);
            case JsonTokenType.Number:
                {
                    var raw = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray();
                    var text = Encoding.UTF8.GetString(raw);
                    var value = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
                    return JNumber.FromText(text, value);
                }

            case JsonTokenType.True:
                return JValue.True;
            case JsonTokenType.False:
                return JValue.False;
            case JsonTokenType.Null:
                return JValue.Null;
            default:
                throw new JsonTextException($"Unexpected JSON token {reader.TokenType}.");
        }
    }

    public static string Serialize(JValue value, bool indented = false)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!indented)
            return JsonWriter.Write(value);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, indented ? IndentedWriter : CompactWriter))
            Write(writer, value);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static byte[] SerializeToUtf8(JValue value) => Encoding.UTF8.GetBytes(JsonWriter.Write(value));

    /// <summary>The size in UTF-8 bytes of the compact JSON text (what AWS's payload limits count).</summary>
    public static int Utf8Size(JValue value) => value.Utf8Size;

    public static void Write(Utf8JsonWriter writer, JValue value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (value)
        {
            case JObject o:
                writer.WriteStartObject();
                foreach (var p in o.AsSpan())
                {
                    writer.WritePropertyName(p.Key);
                    Write(writer, p.Value);
                }

                writer.WriteEndObject();
                break;
            case JArray a:
                writer.WriteStartArray();
                foreach (var item in a.AsSpan())
                    Write(writer, item);
                writer.WriteEndArray();
                break;
            case JString s:
                writer.WriteStringValue(s.Value);
                break;
            case JNumber n:
                if (n.Text is not null)
                    writer.WriteRawValue(n.Text, skipInputValidation: true);
                else if (double.IsFinite(n.Value))
                    writer.WriteRawValue(JNumber.Format(n.Value), skipInputValidation: true);
                else
                    writer.WriteNullValue();
                break;
            case JBool b:
                writer.WriteBooleanValue(b.Value);
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }
}
