using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace SloBot.Transport.Http;

/// <summary>
/// Reads a request body of at most <c>max</c> bytes while it streams in: a larger <c>Content-Length</c> is refused before
/// reading, a chunked body as soon as it passes the limit (Kestrel is told the limit too). Never buffers more than <c>max</c>.
/// </summary>
public static class BoundedBody
{
    /// <returns>The body, or null when it is larger than <paramref name="max"/> (answer 413).</returns>
    public static async Task<byte[]?> ReadAsync(HttpContext http, int max)
    {
        var request = http.Request;
        if (request.ContentLength > max)
            return null;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = max;
        using var body = new MemoryStream((int)Math.Min(request.ContentLength ?? 4096, 64 * 1024));
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int n;
            while ((n = await request.Body.ReadAsync(chunk, http.RequestAborted).ConfigureAwait(false)) > 0)
            {
                if (body.Length + n > max)
                    return null;
                body.Write(chunk, 0, n);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return body.ToArray();
    }
}
