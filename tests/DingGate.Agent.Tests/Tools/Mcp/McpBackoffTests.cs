using DingGate.Agent.Tools.Mcp;

namespace DingGate.Agent.Tests.Tools.Mcp;

public sealed class McpBackoffTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(6, 32)]
    [InlineData(7, 60)]
    [InlineData(40, 60)]
    public void Delay_doubles_from_one_second_to_sixty_with_jitter_between_half_and_all(int failures, int fullSeconds)
    {
        var random = new Random(failures);
        for (var i = 0; i < 50; i++)
        {
            var delay = McpBackoff.Delay(failures, random);
            Assert.InRange(delay.TotalSeconds, fullSeconds / 2.0, fullSeconds);
        }
    }
}
