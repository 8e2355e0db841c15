namespace IncidentBot.Http;

/// <summary>Reads a request body up to a limit, for every entrance that must answer 413 rather than buffer without end.</summary>
public static class BoundedBody
{
    /// <summary>The body's bytes, or null when it is longer than <paramref name="limit"/>.</summary>
    public static async Task<byte[]?> ReadAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>Copies the body into <paramref name="target"/>; false (stopping at once) when it is longer than <paramref name="limit"/>.</summary>
    public static async Task<bool> CopyAsync(Stream body, Stream target, long limit, CancellationToken cancellationToken)
    {
        var chunk = new byte[81920];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            total += read;
            if (total > limit)
            {
                return false;
            }
            await target.WriteAsync(chunk.AsMemory(0, read), cancellationToken);
        }
        return true;
    }
}
