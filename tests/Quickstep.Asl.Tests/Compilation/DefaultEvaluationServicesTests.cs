using Quickstep.Asl.Compilation;

namespace Quickstep.Asl.Tests.Compilation;

public sealed class DefaultEvaluationServicesTests
{
    [Fact]
    public void NewGuid_ManyAcrossRefills_AreVersion4VariantRfcAndDistinct()
    {
        var services = new DefaultEvaluationServices();
        var seen = new HashSet<Guid>();
        for (var i = 0; i < 1000; i++)
        {
            var g = services.NewGuid();
            var text = g.ToString();
            Assert.Equal('4', text[14]);
            Assert.Contains(text[19], "89ab");
            Assert.True(seen.Add(g));
        }
    }
}
