using Quickstep.Services.Sqs;

namespace Quickstep.Server.Tests.Sqs;

/// <summary>The digests SQS returns, against known values.</summary>
public sealed class SqsMd5Tests
{
    [Fact]
    public void OfBody_IsMd5OfUtf8() => Assert.Equal("fafb00f5732ab283681e124bf8747ed1", SqsMd5.OfBody("This is a test message"));

    [Fact]
    public void OfAttributes_KnownValues()
    {
        // From the SDK tests of SQS clients (attribute digest in SQS's documented encoding).
        Assert.Equal("d21ae90c49061e927f57df5f5d72be1f", SqsMd5.OfAttributes([new("category", SqsMessageAttribute.String("test")), new("ordinal", SqsMessageAttribute.Number("1"))]));
        Assert.Equal("cd28f3b68aeee4b2eac9c66f2f694b58", SqsMd5.OfAttributes([new("SellerName", SqsMessageAttribute.String("Example Store"))]));
    }

    [Fact]
    public void OfAttributes_BinaryUsesTransportTypeTwo()
    {
        var asString = SqsMd5.OfAttributes([new("b", new SqsMessageAttribute("Binary", "\u0001"))]);
        var asBinary = SqsMd5.OfAttributes([new("b", SqsMessageAttribute.Binary(new byte[] { 1 }))]);
        Assert.NotEqual(asString, asBinary);
        Assert.Null(SqsMd5.OfAttributes([]));
    }
}
