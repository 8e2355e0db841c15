using System.Text.Json.Nodes;
using Xunit.Sdk;

namespace IncidentBot.IntegrationTests.Infrastructure;

/// <summary>
/// The duplicate check the cluster and restart tests rely on: it passes the CI run where one reminder
/// left the outbox 1.4 s late after a failover (what the old check, by arrival spacing, called a copy),
/// and still fails a reminder sent twice and a catch-up burst.
/// </summary>
public sealed class ChaseCallsTests
{
    private static readonly TimeSpan Cadence = TimeSpan.FromSeconds(3);
    private static readonly DateTimeOffset T0 = DateTimeOffset.Parse("2026-12-07T20:16:35Z");

    private static SlackCall Reminder(int sequence, double dueSeconds, double arrivedSeconds) => new()
    {
        Sequence = sequence,
        Method = "chat.postMessage",
        RawBody = "",
        Body = new JsonObject
        {
            ["text"] = "INC-1: a status update is due",
            ["metadata"] = new JsonObject
            {
                ["event_type"] = "incidentbot_message",
                ["event_payload"] = new JsonObject { ["key"] = $"INC-1/reminder/{(T0 + TimeSpan.FromSeconds(dueSeconds)).ToUnixTimeMilliseconds()}" },
            },
        },
        At = T0 + TimeSpan.FromSeconds(arrivedSeconds),
    };

    private static void Check(params SlackCall[] reminders) => ChaseCalls.AssertNoDuplicates(reminders, Cadence, () => "");

    [Fact]
    public void AReminderDeliveredLate_IsNotACopy()
    {
        // The failed CI run's reminders #5 to #7, due a cadence apart: #6 reached Slack 1.4 s after its
        // due time, #7 on time, so they arrived 1.74 s apart.
        Check(Reminder(5, 9.024, 9.077), Reminder(6, 12.067, 13.466), Reminder(7, 15.132, 15.203));
    }

    [Fact]
    public void OneReminderSentTwice_Fails()
    {
        var error = Assert.Throws<TrueException>(() => Check(Reminder(3, 3, 3.1), Reminder(4, 3, 3.2)));
        Assert.Contains("sent twice", error.Message);
    }

    [Fact]
    public void RemindersPlannedMomentsApart_Fail()
    {
        var error = Assert.Throws<TrueException>(() => Check(Reminder(3, 3, 3.1), Reminder(4, 3.2, 3.3)));
        Assert.Contains("planned twice", error.Message);
    }

    [Fact]
    public void ACatchUpBurstAfterARestart_Fails()
    {
        // Down from 2 s to 11 s: one reminder per missed period, each planned for a time long past.
        var error = Assert.Throws<TrueException>(() => Check(Reminder(3, 3, 11.2), Reminder(4, 6, 11.3), Reminder(5, 9, 11.4)));
        Assert.Contains("catch-up burst", error.Message);
    }

    [Fact]
    public void AReminderWithoutItsKey_Fails()
    {
        var keyless = Reminder(3, 3, 3.1);
        keyless.Body.Remove("metadata");
        var error = Assert.Throws<TrueException>(() => Check(keyless));
        Assert.Contains("carries no reminder key", error.Message);
    }
}
