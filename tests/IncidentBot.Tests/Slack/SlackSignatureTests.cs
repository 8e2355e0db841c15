using System.Security.Cryptography;
using System.Text;
using IncidentBot.Slack;

namespace IncidentBot.Tests.Slack;

public sealed class SlackSignatureTests
{
    private const string Secret = "test-signing-secret";
    private const long Timestamp = 1_700_000_000;
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(Timestamp);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("token=x&team_id=T1&command=%2Fincident&text=open+P1+%3C%21channel%3E");

    private static SignatureCheck Verify(string? timestamp, string? signature, byte[] body, DateTimeOffset now, string secret = Secret) =>
        SlackSignature.Verify(secret, timestamp, signature, body, now);

    private static string Ts(long seconds) => seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Verify_WhenSignedWithTheSameSecret_ReturnsValid()
    {
        var signature = SlackSignature.Sign(Secret, Timestamp, Body);

        Assert.Equal(SignatureCheck.Valid, Verify(Ts(Timestamp), signature, Body, Now));
    }

    [Fact]
    public void Sign_MatchesAnHmacSha256ComputedIndependently()
    {
        var expected = "v0=" + Convert.ToHexStringLower(
            HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes($"v0:{Timestamp}:").Concat(Body).ToArray()));

        var signature = SlackSignature.Sign(Secret, Timestamp, Body);

        Assert.Equal(expected, signature);
        Assert.Equal(SignatureCheck.Valid, Verify(Ts(Timestamp), expected, Body, Now));
    }

    [Fact]
    public void Verify_WithSlacksPublishedExample_ReturnsValid()
    {
        // docs.slack.dev/authentication/verifying-requests-from-slack, as used by Slack's SDK tests.
        var body = SlackFixtures.Bytes("slash_command.txt");

        var check = SlackSignature.Verify(
            "8f742231b10e8888abcd99yyyzzz85a5", "1531420618",
            "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
            body, DateTimeOffset.FromUnixTimeSeconds(1531420618 + 10));

        Assert.Equal(SignatureCheck.Valid, check);
    }

    [Fact]
    public void Verify_WithSlackGosPublishedEventExample_ReturnsValid()
    {
        var body = SlackFixtures.Bytes("event_callback_app_mention.json");

        var check = SlackSignature.Verify(
            "e6b19c573432dcc6b075501d51b51bb8", "1531431954",
            "v0=adada4ed31709aef585c2580ca3267678c6a8eaeb7e0c1aca3ee57b656886b2c",
            body, DateTimeOffset.FromUnixTimeSeconds(1531431954));

        Assert.Equal(SignatureCheck.Valid, check);
    }

    [Fact]
    public void Verify_WhenOneByteOfTheBodyChanged_ReturnsMismatch()
    {
        var signature = SlackSignature.Sign(Secret, Timestamp, Body);
        var tampered = (byte[])Body.Clone();
        tampered[^1] ^= 0x01;

        Assert.Equal(SignatureCheck.Mismatch, Verify(Ts(Timestamp), signature, tampered, Now));
    }

    [Fact]
    public void Verify_WhenSignedWithAnotherSecret_ReturnsMismatch()
    {
        var signature = SlackSignature.Sign("another-secret", Timestamp, Body);

        Assert.Equal(SignatureCheck.Mismatch, Verify(Ts(Timestamp), signature, Body, Now));
    }

    [Fact]
    public void Verify_WhenTheTimestampHeaderWasChangedAfterSigning_ReturnsMismatch()
    {
        var signature = SlackSignature.Sign(Secret, Timestamp, Body);

        Assert.Equal(SignatureCheck.Mismatch, Verify(Ts(Timestamp + 1), signature, Body, Now));
    }

    [Fact]
    public void Verify_WhenTimestampIsSixMinutesOld_ReturnsStale()
    {
        var old = Timestamp - 360;
        var signature = SlackSignature.Sign(Secret, old, Body);

        Assert.Equal(SignatureCheck.StaleTimestamp, Verify(Ts(old), signature, Body, Now));
    }

    [Fact]
    public void Verify_WhenTimestampIsSixMinutesInTheFuture_ReturnsStale()
    {
        var future = Timestamp + 360;
        var signature = SlackSignature.Sign(Secret, future, Body);

        Assert.Equal(SignatureCheck.StaleTimestamp, Verify(Ts(future), signature, Body, Now));
    }

    [Theory]
    [InlineData(-300)]
    [InlineData(300)]
    public void Verify_WhenTimestampIsExactlyFiveMinutesAway_ReturnsValid(long offset)
    {
        var signature = SlackSignature.Sign(Secret, Timestamp + offset, Body);

        Assert.Equal(SignatureCheck.Valid, Verify(Ts(Timestamp + offset), signature, Body, Now));
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    public void Verify_WhenTimestampIsOneSecondPastTheWindow_ReturnsStale(long offset)
    {
        var signature = SlackSignature.Sign(Secret, Timestamp + offset, Body);

        Assert.Equal(SignatureCheck.StaleTimestamp, Verify(Ts(Timestamp + offset), signature, Body, Now));
    }

    [Theory]
    [InlineData(null, "v0=abc")]
    [InlineData("", "v0=abc")]
    [InlineData("1700000000", null)]
    [InlineData("1700000000", "")]
    [InlineData(null, null)]
    public void Verify_WhenAHeaderIsMissing_ReturnsMissingHeaders(string? timestamp, string? signature)
    {
        Assert.Equal(SignatureCheck.MissingHeaders, Verify(timestamp, signature, Body, Now));
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("-1700000000")]
    [InlineData("1700000000.5")]
    [InlineData(" 1700000000")]
    [InlineData("99999999999999999999999")]
    public void Verify_WhenTheTimestampIsNotAnInteger_ReturnsMalformedHeaders(string timestamp)
    {
        var signature = SlackSignature.Sign(Secret, Timestamp, Body);

        Assert.Equal(SignatureCheck.MalformedHeaders, Verify(timestamp, signature, Body, Now));
    }

    [Theory]
    [InlineData("a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")]
    [InlineData("v1=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")]
    [InlineData("v0=a2114d57")]
    [InlineData("v0=zz114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")]
    [InlineData("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b50300")]
    public void Verify_WhenTheSignatureIsNotV0AndSixtyFourHexDigits_ReturnsMalformedHeaders(string signature)
    {
        Assert.Equal(SignatureCheck.MalformedHeaders, Verify(Ts(Timestamp), signature, Body, Now));
    }

    [Fact]
    public void Verify_WhenTheSigningSecretIsEmpty_Throws()
    {
        Assert.Throws<ArgumentException>(() => Verify(Ts(Timestamp), "v0=00", Body, Now, secret: ""));
    }

    [Fact]
    public void Sign_ReturnsLowerCaseHexWithTheV0Prefix()
    {
        var signature = SlackSignature.Sign(Secret, Timestamp, Body);

        Assert.Matches("^v0=[0-9a-f]{64}$", signature);
    }
}
