using System.Text;

namespace Quickstep.Engine.Plan;

/// <summary>
/// Distributed Map's CSV items: each row an object from header to value (all strings), quoted fields with
/// doubled quotes and line breaks allowed (RFC 4180), the header from the first row or given.
/// </summary>
internal static class CsvItems
{
    public static List<JValue> Parse(string text, char delimiter, IReadOnlyList<string>? givenHeaders, int maxItems)
    {
        var rows = Rows(text, delimiter);
        var items = new List<JValue>();
        IReadOnlyList<string>? headers = givenHeaders;
        foreach (var row in rows)
        {
            if (headers is null)
            {
                headers = row;
                continue;
            }

            if (maxItems > 0 && items.Count == maxItems)
                break;
            var b = new JObjectBuilder(headers.Count);
            for (var i = 0; i < headers.Count; i++)
                b.Set(headers[i], JValue.FromString(i < row.Count ? row[i] : string.Empty));
            items.Add(b.Build());
        }

        return items;
    }

    private static List<List<string>> Rows(string text, char delimiter)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var any = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    field.Append(c);
                }

                continue;
            }

            if (c == '"' && field.Length == 0)
            {
                quoted = true;
                any = true;
            }
            else if (c == delimiter)
            {
                row.Add(field.ToString());
                field.Clear();
                any = true;
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                    i++;
                if (any || field.Length > 0)
                {
                    row.Add(field.ToString());
                    rows.Add(row);
                }

                row = [];
                field.Clear();
                any = false;
            }
            else
            {
                field.Append(c);
                any = true;
            }
        }

        if (any || field.Length > 0)
        {
            row.Add(field.ToString());
            rows.Add(row);
        }

        return rows;
    }
}
