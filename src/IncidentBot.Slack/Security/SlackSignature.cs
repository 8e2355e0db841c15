using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace IncidentBot.Slack;

/// <summary>
/// Slack request signing (version v0): <c>v0=</c> + hex HMAC-SHA256(signing secret,
/// <c>v0:{timestamp}:{raw body}</c>), compared in constant time, with a ±300 s window on the timestamp.
/// Always verify over the raw bytes as received, before any parsing.
/// </summary>
public static class SlackSignature
{
    /// <summary>How far the request timestamp may be from now, in either direction.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromSeconds(300);

    private const string Version = "v0";
    private const string Prefix = Version + "=";
    private const int HashBytes = 32;

    public static SignatureCheck Verify(string signingSecret, string? timestampHeader, string? signatureHeader, ReadOnlySpan<byte> rawBody, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(signingSecret);
        if (string.IsNullOrEmpty(timestampHeader) || string.IsNullOrEmpty(signatureHeader))
        {
            return SignatureCheck.MissingHeaders;
        }
        if (!TryParseTimestamp(timestampHeader, out var timestamp) || !TryParseSignature(signatureHeader, out var claimed))
        {
            return SignatureCheck.MalformedHeaders;
        }
        var nowSeconds = now.ToUnixTimeSeconds();
        var skew = (long)MaxClockSkew.TotalSeconds;
        if (timestamp < nowSeconds - skew || timestamp > nowSeconds + skew)
        {
            return SignatureCheck.StaleTimestamp;
        }
        Span<byte> expected = stackalloc byte[HashBytes];
        ComputeHash(signingSecret, timestampHeader, rawBody, expected);
        return CryptographicOperations.FixedTimeEquals(expected, claimed) ? SignatureCheck.Valid : SignatureCheck.Mismatch;
    }

    /// <summary>The <c>X-Slack-Signature</c> value Slack would send for this body: <c>v0=</c> + lower-case hex.</summary>
    public static string Sign(string signingSecret, long timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(signingSecret);
        Span<byte> hash = stackalloc byte[HashBytes];
        ComputeHash(signingSecret, timestamp.ToString(CultureInfo.InvariantCulture), body, hash);
        return Prefix + Convert.ToHexStringLower(hash);
    }

    private static void ComputeHash(string signingSecret, string timestamp, ReadOnlySpan<byte> body, Span<byte> destination)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(signingSecret));
        hmac.AppendData(Encoding.UTF8.GetBytes($"{Version}:{timestamp}:"));
        hmac.AppendData(body);
        hmac.GetHashAndReset(destination);
    }

    /// <summary>Digits only (Slack sends plain Unix seconds); no sign, spaces or exponent.</summary>
    private static bool TryParseTimestamp(string header, out long timestamp) =>
        long.TryParse(header, NumberStyles.None, CultureInfo.InvariantCulture, out timestamp);

    private static bool TryParseSignature(string header, out byte[] hash)
    {
        hash = new byte[HashBytes];
        if (!header.StartsWith(Prefix, StringComparison.Ordinal) || header.Length != Prefix.Length + HashBytes * 2)
        {
            return false;
        }
        var status = Convert.FromHexString(header.AsSpan(Prefix.Length), hash, out _, out var written);
        return status == System.Buffers.OperationStatus.Done && written == HashBytes;
    }
}
