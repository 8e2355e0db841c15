using IncidentBot.Domain;
using IncidentBot.Domain.Policy;

namespace IncidentBot.Configuration;

/// <summary>The <c>Policy</c> section: update cadence per severity (escalations come with the reminders work).</summary>
public sealed class PolicyOptions
{
    public const string Section = "Policy";

    public UpdateEveryOptions UpdateEvery { get; set; } = new();

    public UpdateCadence ToCadence() => new(UpdateEvery.P0, UpdateEvery.P1, UpdateEvery.P2, UpdateEvery.P3);

    public sealed class UpdateEveryOptions
    {
        public TimeSpan P0 { get; set; } = UpdateCadence.Default.For(Severity.P0);
        public TimeSpan P1 { get; set; } = UpdateCadence.Default.For(Severity.P1);
        public TimeSpan P2 { get; set; } = UpdateCadence.Default.For(Severity.P2);
        public TimeSpan P3 { get; set; } = UpdateCadence.Default.For(Severity.P3);
    }
}
