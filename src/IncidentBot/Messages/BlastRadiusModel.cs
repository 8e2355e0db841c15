namespace IncidentBot.Messages;

/// <summary>The model of <c>blast-radius.scriban</c>: what an incident breaks downstream and who owns it, told in the thread once.</summary>
public sealed record BlastRadiusModel
{
    public required string Reference { get; init; }

    /// <summary>True when the list is new (first time, or the affected assets changed); false when only owners newly hit are told.</summary>
    public bool ListRadius { get; init; }

    /// <summary>The affected assets the catalog knows, and the names it does not.</summary>
    public IReadOnlyList<string> Affected { get; init; } = [];
    public IReadOnlyList<string> Unknown { get; init; } = [];

    /// <summary>Downstream models (the first <see cref="IncidentMessages.MaxListedModels"/>), their count, and how many are not named.</summary>
    public IReadOnlyList<string> Models { get; init; } = [];
    public int ModelsCount { get; init; }
    public int ModelsMore { get; init; }

    /// <summary>Downstream exposures, <c>maturity: high</c> first.</summary>
    public IReadOnlyList<DashboardRow> Dashboards { get; init; } = [];

    /// <summary>Why the catalog flags business impact ("downstream of revenue dashboard Revenue").</summary>
    public IReadOnlyList<string> Impact { get; init; } = [];

    /// <summary>Owners to call on (write them with <c>ping</c>: Slack ids and e-mails become mentions).</summary>
    public IReadOnlyList<string> Owners { get; init; } = [];

    /// <summary>True when owners were told before: these are the ones newly hit.</summary>
    public bool MoreOwners { get; init; }
}

/// <summary>An exposure downstream: its name, type (dashboard, notebook...), maturity and link.</summary>
public sealed record DashboardRow(string Name, string Type, string? Maturity, string? Url);
