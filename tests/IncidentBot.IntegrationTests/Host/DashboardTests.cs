using System.Net;
using System.Net.Http.Headers;
using System.Text;
using IncidentBot.IntegrationTests.Infrastructure;
using IncidentBot.Storage;

namespace IncidentBot.IntegrationTests.Host;

/// <summary>
/// Hangfire's dashboard: not there at all unless both credentials are configured; behind HTTP Basic
/// when it is; read-only; it shows what is scheduled without showing the connection string.
/// </summary>
public abstract class DashboardTests(StorageProvider provider) : OwnHostsTestBase(provider)
{
    private const string User = "oncall";
    private const string Password = "s3cret-dashboard-pass";

    [Fact]
    public async Task WithoutCredentialsConfigured_TheDashboardPathAnswers404()
    {
        var bot = await StartInProcessAsync(Settings());

        Assert.Equal(HttpStatusCode.NotFound, (await bot.Client.GetAsync("/hangfire")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bot.Client.GetAsync("/hangfire/jobs/scheduled")).StatusCode);
    }

    [Fact]
    public async Task WithCredentialsConfigured_ARequestWithoutTheRightOnesGets401AndAChallenge()
    {
        var bot = await StartInProcessAsync(Configured());

        foreach (var credentials in new[] { null, Basic(User, "wrong"), Basic("someone", Password), "Bearer " + Password, "Basic not-base64!" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/hangfire/jobs/scheduled");
            if (credentials is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", credentials);
            }
            using var response = await bot.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("Basic", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
            Assert.DoesNotContain("Hangfire", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task WithTheRightCredentials_TheDashboardShowsTheScheduledReminder_ReadOnly_WithoutTheConnectionString()
    {
        var bot = await StartInProcessAsync(Configured());
        await BotTestBase.SendAsync(bot.Client, Requests.Command("open P1 orders mart stale since 06:00"), Slack);
        await StoredState.WaitUntilAsync(async () => (await Database.RecordedJobIdsAsync("INC-1", "update-reminder")).Count == 1, "INC-1's reminder scheduled");
        var jobId = (await Database.RecordedJobIdsAsync("INC-1", "update-reminder"))[0];
        var authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{Password}")));

        using var page = new HttpRequestMessage(HttpMethod.Get, "/hangfire/jobs/scheduled") { Headers = { Authorization = authorization } };
        using var response = await bot.Client.SendAsync(page);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("UpdateReminderJob", html);
        Assert.DoesNotContain(Database.ConnectionString, html);
        Assert.DoesNotContain("Password=", html, StringComparison.OrdinalIgnoreCase);
        // Read-only: the buttons that would enqueue or delete a job are not offered, and their endpoint refuses.
        Assert.DoesNotContain("data-url=\"/hangfire/jobs/scheduled/delete\"", html);
        using var delete = new HttpRequestMessage(HttpMethod.Post, "/hangfire/jobs/scheduled/delete")
        {
            Headers = { Authorization = authorization },
            Content = new FormUrlEncodedContent([new("jobs[]", jobId)]),
        };
        using var refused = await bot.Client.SendAsync(delete);
        Assert.False(refused.IsSuccessStatusCode, $"A read-only dashboard deleted a job: {refused.StatusCode}");
        Assert.Equal(1L, await bot.Services.ScheduledJobsAsync(Database, "INC-1", "update-reminder"));

        // The periodic work is there too, as recurring jobs.
        using var recurring = new HttpRequestMessage(HttpMethod.Get, "/hangfire/recurring") { Headers = { Authorization = authorization } };
        var recurringHtml = await (await bot.Client.SendAsync(recurring)).Content.ReadAsStringAsync();
        Assert.Contains("action-items/overdue", recurringHtml);
        Assert.Contains("inbox/prune", recurringHtml);
    }

    private Dictionary<string, string?> Configured()
    {
        var settings = Settings();
        settings["Dashboard:Username"] = User;
        settings["Dashboard:Password"] = Password;
        return settings;
    }

    private static string Basic(string user, string password) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));
}

[Collection(HostCollection.Sqlite)]
public sealed class DashboardTestsOnSqlite() : DashboardTests(StorageProvider.Sqlite);

[Collection(HostCollection.Postgres)]
public sealed class DashboardTestsOnPostgres() : DashboardTests(StorageProvider.Postgres);
