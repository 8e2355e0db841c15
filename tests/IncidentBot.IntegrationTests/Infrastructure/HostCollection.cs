namespace IncidentBot.IntegrationTests.Infrastructure;

/// <summary>
/// The end-to-end bot tests run one at a time: they measure answer times ("within 1 s") and wait for
/// Retry-After, and on a two-core machine several bots starting side by side would measure each other.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HostCollection
{
    public const string Name = "Host";
}
