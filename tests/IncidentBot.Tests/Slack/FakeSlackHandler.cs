using System.Net;
using System.Text;

namespace IncidentBot.Tests.Slack;

/// <summary>An in-memory Slack Web API: records every request and answers with a scripted response or exception.</summary>
internal sealed class FakeSlackHandler : HttpMessageHandler
{
    private readonly Func<HttpRequestMessage, HttpResponseMessage> _respond;

    public FakeSlackHandler(Func<HttpRequestMessage, HttpResponseMessage> respond) => _respond = respond;

    public List<RecordedRequest> Requests { get; } = [];

    public static FakeSlackHandler Answering(HttpStatusCode status, string body, Action<HttpResponseMessage>? configure = null) =>
        new(_ =>
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            configure?.Invoke(response);
            return response;
        });

    public static FakeSlackHandler Throwing(Exception exception) => new(_ => throw exception);

    public HttpClient Client() => new(this) { BaseAddress = new Uri("http://127.0.0.1:5555/api/") };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Add(new RecordedRequest(request.Method, request.RequestUri!, request.Headers.Authorization?.ToString(), request.Content?.Headers.ContentType?.ToString(), body));
        return _respond(request);
    }

    public sealed record RecordedRequest(HttpMethod Method, Uri Uri, string? Authorization, string? ContentType, string Body);
}
