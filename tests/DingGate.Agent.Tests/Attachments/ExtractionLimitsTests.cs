using DingGate.Agent.Attachments;
using DingGate.Core.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DingGate.Agent.Tests.Attachments;

public sealed class ExtractionLimitsTests
{
    [Fact]
    public void AddAgent_AttachmentsSection_IsTheExtractorsLimits()
    {
        var config = new DinggateConfig { Attachments = new AttachmentSettings { MaxDecompressedBytes = 1_000_000, MaxParts = 50, TimeoutMs = 1500, MaxPages = 7 } };
        using var services = new ServiceCollection().AddAgent(config).BuildServiceProvider();

        var limits = services.GetRequiredService<ExtractionLimits>();

        Assert.Equal(1_000_000, limits.MaxDecompressedBytes);
        Assert.Equal(50, limits.MaxParts);
        Assert.Equal(7, limits.MaxPages);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), limits.Timeout);
        Assert.Equal(20_000, limits.MaxCharsPerFile);
    }

    [Fact]
    public void From_NothingSet_Defaults()
    {
        var limits = ExtractionLimits.From(new AttachmentSettings());

        Assert.Equal(32L * 1024 * 1024, limits.MaxDecompressedBytes);
        Assert.Equal(1_000, limits.MaxParts);
        Assert.Equal(2_000, limits.MaxPages);
        Assert.Equal(TimeSpan.FromSeconds(20), limits.Timeout);
        Assert.Equal(20L * 1024 * 1024, limits.MaxFileBytes);
    }
}
