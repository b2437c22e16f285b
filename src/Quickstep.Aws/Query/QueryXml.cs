using System.Text;
using System.Xml;
using Quickstep.Json;

namespace Quickstep.Aws.Query;

/// <summary>
/// The query protocol's XML answers: <c>&lt;XResponse xmlns=…&gt;&lt;XResult&gt;…&lt;/XResult&gt;&lt;ResponseMetadata&gt;…</c> from an
/// operation's output shape (lists as <c>member</c> elements, the named map members as <c>entry/key/value</c>), and
/// <c>&lt;ErrorResponse&gt;</c> for an <see cref="AwsServiceException"/>.
/// </summary>
public static class QueryXml
{
    private static readonly XmlWriterSettings Settings = new() { OmitXmlDeclaration = true, Encoding = new UTF8Encoding(false) };

    /// <param name="mapMembers">Members of the output that are maps (e.g. SNS's <c>Attributes</c>).</param>
    public static string Response(string action, string xmlNamespace, JObject output, string requestId, IReadOnlySet<string> mapMembers)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(mapMembers);
        var sb = new StringBuilder(256);
        using (var w = XmlWriter.Create(sb, Settings))
        {
            w.WriteStartElement(action + "Response", xmlNamespace);
            w.WriteStartElement(action + "Result");
            foreach (var (name, value) in output)
                WriteMember(w, name, value, mapMembers);
            w.WriteEndElement();
            w.WriteStartElement("ResponseMetadata");
            w.WriteElementString("RequestId", requestId);
            w.WriteEndElement();
            w.WriteEndElement();
        }

        return sb.ToString();
    }

    public static string Error(string xmlNamespace, AwsServiceException error, string requestId)
    {
        ArgumentNullException.ThrowIfNull(error);
        var sb = new StringBuilder(256);
        using (var w = XmlWriter.Create(sb, Settings))
        {
            w.WriteStartElement("ErrorResponse", xmlNamespace);
            w.WriteStartElement("Error");
            w.WriteElementString("Type", error.SenderFault ? "Sender" : "Receiver");
            w.WriteElementString("Code", error.QueryErrorCode ?? error.Code);
            w.WriteElementString("Message", error.Message);
            w.WriteEndElement();
            w.WriteElementString("RequestId", requestId);
            w.WriteEndElement();
        }

        return sb.ToString();
    }

    private static void WriteMember(XmlWriter w, string name, JValue value, IReadOnlySet<string> mapMembers)
    {
        if (value is JNull)
            return;
        w.WriteStartElement(name);
        switch (value)
        {
            case JArray list:
                foreach (var item in list)
                {
                    w.WriteStartElement("member");
                    WriteContent(w, item, mapMembers);
                    w.WriteEndElement();
                }

                break;
            case JObject map when mapMembers.Contains(name):
                foreach (var (k, v) in map)
                {
                    w.WriteStartElement("entry");
                    w.WriteElementString("key", k);
                    w.WriteStartElement("value");
                    WriteContent(w, v, mapMembers);
                    w.WriteEndElement();
                    w.WriteEndElement();
                }

                break;
            default:
                WriteContent(w, value, mapMembers);
                break;
        }

        w.WriteEndElement();
    }

    private static void WriteContent(XmlWriter w, JValue value, IReadOnlySet<string> mapMembers)
    {
        switch (value)
        {
            case JObject o:
                foreach (var (k, v) in o)
                    WriteMember(w, k, v, mapMembers);
                break;
            case JString s:
                w.WriteString(s.Value);
                break;
            case JNumber n:
                w.WriteString(n.ToJsonText());
                break;
            case JBool b:
                w.WriteString(b.Kind == JKind.True ? "true" : "false");
                break;
            case JNull:
                break;
            default:
                w.WriteString(value.ToString());
                break;
        }
    }
}
