namespace IncidentBot.Domain;

/// <summary>
/// A request that the incident's rules do not allow. The message is written for the person who
/// asked: it says what is wrong and what they can do instead, and is shown to them as is.
/// </summary>
public sealed class IncidentRuleException(string message) : Exception(message);
