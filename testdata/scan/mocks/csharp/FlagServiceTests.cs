using LaunchDarkly.Sdk;
using LaunchDarkly.Sdk.Server.Interfaces;
using Moq;
using NSubstitute;
using Xunit;

public class FlagServiceTests
{
    [Fact]
    public void Moq()
    {
        var mock = new Mock<ILdClient>();
        mock.Setup(c => c.BoolVariation("new-checkout", It.IsAny<Context>(), false)).Returns(true);
        mock.Setup(c => c.StringVariation(
            "banner-text", It.IsAny<Context>(), "off")).Returns("on");
        mock.Verify(c => c.BoolVariation("new-checkout", It.IsAny<Context>(), false), Times.Once());
    }

    [Fact]
    public void NSubstitute()
    {
        var client = Substitute.For<ILdClient>();
        var ctx = Context.New("user-1");
        client.BoolVariation("dark-mode", Arg.Any<Context>(), false).Returns(true);
        client.Received().BoolVariation("dark-mode", ctx, false);
        var on = client.BoolVariation("dark-mode", ctx, true); // want key="dark-mode" fallback=true
    }
}
