using System.Text;
using System.Xml;
using Microsoft.AspNetCore.Http;
using Quickstep.Aws;
using Quickstep.Services.S3;

namespace Quickstep.Server.Services.S3;

/// <summary>S3's XML documents: responses in its namespace, and its error document.</summary>
internal static class S3Xml
{
    public const string Namespace = "http://s3.amazonaws.com/doc/2006-03-01/";

    private static readonly XmlWriterSettings Settings = new() { Encoding = new UTF8Encoding(false), Async = true };

    /// <summary>Writes a 200 response whose body <paramref name="write"/> builds, under root element <paramref name="root"/>.</summary>
    public static async Task WriteAsync(HttpContext http, string root, Action<XmlWriter> write, int status = 200)
    {
        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, Settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement(root, Namespace);
            write(xml);
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        http.Response.StatusCode = status;
        http.Response.ContentType = "application/xml";
        http.Response.ContentLength = buffer.Length;
        await http.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), http.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>&lt;Error&gt;&lt;Code/&gt;&lt;Message/&gt;…&lt;RequestId/&gt;&lt;/Error&gt;</c> with the error's status; a HEAD
    /// request (and 304) gets the status alone, as S3 answers them.
    /// </summary>
    public static async Task WriteErrorAsync(HttpContext http, AwsServiceException error, string requestId)
    {
        if (http.Response.HasStarted)
            return;
        http.Response.StatusCode = error.StatusCode;
        if (HttpMethods.IsHead(http.Request.Method) || error.StatusCode == 304)
            return;
        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, Settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("Error");
            xml.WriteElementString("Code", error.Code);
            xml.WriteElementString("Message", error.Message);
            foreach (var (name, value) in S3Errors.Details(error))
                xml.WriteElementString(name, value);
            xml.WriteElementString("RequestId", requestId);
            xml.WriteElementString("HostId", requestId);
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        http.Response.ContentType = "application/xml";
        http.Response.ContentLength = buffer.Length;
        await http.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), http.RequestAborted).ConfigureAwait(false);
    }
}
