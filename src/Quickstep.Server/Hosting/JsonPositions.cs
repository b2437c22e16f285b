using System.Text.Json;

namespace Quickstep.Server.Hosting;

/// <summary>Line and column (1-based) of every value of a JSON text by its JSON pointer, for error messages that point into the file.</summary>
internal sealed class JsonPositions
{
    private readonly Dictionary<string, long> _offsets = new(StringComparer.Ordinal);
    private readonly List<long> _lineStarts = [0];

    public JsonPositions(ReadOnlySpan<byte> utf8, JsonReaderOptions options)
    {
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == '\n')
                _lineStarts.Add(i + 1);
        }

        var reader = new Utf8JsonReader(utf8, options);
        var path = new Stack<(string Pointer, int Index)>();
        string? pending = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        pending = path.Peek().Pointer + "/" + Escape(reader.GetString()!);
                        _offsets.TryAdd(pending, reader.TokenStartIndex);
                        continue;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        path.Pop();
                        continue;
                }

                var pointer = Current(path, ref pending, reader.TokenStartIndex);
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                    path.Push((pointer, 0));
            }
        }
        catch (JsonException)
        {
            // The document parser reports syntax errors with their position; positions found so far still serve.
        }
    }

    /// <summary><c>line:column</c> of the member or item at <paramref name="pointer"/> (or of the nearest enclosing one).</summary>
    public string Locate(string pointer)
    {
        var p = pointer;
        while (true)
        {
            if (_offsets.TryGetValue(p, out var offset))
            {
                var line = _lineStarts.BinarySearch(offset);
                if (line < 0)
                    line = ~line - 1;
                return $"{line + 1}:{offset - _lineStarts[line] + 1}";
            }

            if (p.Length == 0)
                return "1:1";
            p = p[..p.LastIndexOf('/')];
        }
    }

    public static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private string Current(Stack<(string Pointer, int Index)> path, ref string? pending, long offset)
    {
        string pointer;
        if (path.Count == 0)
        {
            pointer = string.Empty;
        }
        else if (pending is not null)
        {
            pointer = pending;
        }
        else
        {
            var (parent, index) = path.Pop();
            path.Push((parent, index + 1));
            pointer = parent + "/" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        pending = null;
        _offsets.TryAdd(pointer, offset);
        return pointer;
    }

}
