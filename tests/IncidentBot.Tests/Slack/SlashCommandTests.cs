using IncidentBot.Slack;

namespace IncidentBot.Tests.Slack;

public sealed class SlashCommandTests
{
    [Fact]
    public void Parse_SlacksDocumentedExample_ReadsEveryField()
    {
        var command = SlashCommand.Parse(SlackFixtures.Text("slash_command.txt"));

        Assert.NotNull(command);
        Assert.Equal("T1DC2JH3J", command.TeamId);
        Assert.Equal("G8PSS9T3V", command.ChannelId);
        Assert.Equal("foobar", command.ChannelName);
        Assert.Equal("U2CERLKJA", command.UserId);
        Assert.Equal("roadrunner", command.UserName);
        Assert.Equal("/webhook-collect", command.Command);
        Assert.Equal("", command.Text);
        Assert.Equal("https://hooks.slack.com/commands/T1DC2JH3J/397700885554/96rGlfmibIGlgcZRskXaIFfN", command.ResponseUrl);
        Assert.Equal("398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c", command.TriggerId);
        Assert.Equal("testteamnow", command.TeamDomain);
        Assert.False(command.SslCheck);
    }

    [Fact]
    public void Parse_BoltsExample_DecodesPlusAsASpace()
    {
        var command = SlashCommand.Parse(SlackFixtures.Text("slash_command_bolt_python.txt"));

        Assert.NotNull(command);
        Assert.Equal("/hello-world", command.Command);
        Assert.Equal("Hi", command.Text);
        Assert.Equal("W111", command.UserId);
        Assert.Equal("E111", command.EnterpriseId);
    }

    [Fact]
    public void Parse_DecodesUrlEncodedUtf8AndSymbolsInText()
    {
        var command = SlashCommand.Parse("command=%2Fincident&text=open+P1+%3C%21channel%3E+caf%C3%A9+%26+more&user_id=U1");

        Assert.Equal("open P1 <!channel> café & more", command!.Text);
    }

    [Fact]
    public void Parse_SslCheck_IsRecognisedWithoutACommand()
    {
        var command = SlashCommand.Parse("ssl_check=1&token=abc");

        Assert.NotNull(command);
        Assert.True(command.SslCheck);
        Assert.Null(command.Command);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("team_id=T1&user_id=U1")]
    [InlineData("{\"command\":\"/incident\"}")]
    public void Parse_WhenTheBodyIsNotASlashCommand_ReturnsNull(string? body)
    {
        Assert.Null(SlashCommand.Parse(body));
    }

    [Fact]
    public void TryParse_WhenTheCommandIsMissing_SaysWhy()
    {
        Assert.False(SlashCommand.TryParse("team_id=T1", out _, out var error));
        Assert.Contains("command", error);
    }

    [Fact]
    public void Parse_WhenPercentEncodingIsBroken_DoesNotThrow()
    {
        var command = SlashCommand.Parse("command=%2Fincident&text=%E0%A4%A&x=%%%");

        Assert.NotNull(command);
        Assert.Equal("/incident", command.Command);
    }
}
