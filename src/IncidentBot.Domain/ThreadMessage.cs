namespace IncidentBot.Domain;

/// <summary>A message a person wrote in an incident's thread (kept so a :pushpin: reaction can put it on the timeline).</summary>
public sealed record ThreadMessage(string Channel, string Ts, long IncidentNumber, string User, string Text, DateTimeOffset At);
