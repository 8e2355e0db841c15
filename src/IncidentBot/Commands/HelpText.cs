namespace IncidentBot.Commands;

public static class HelpText
{
    public const string Text = """
        *IncidentBot* coordinates data incidents in the incidents channel. Commands:
        • `/incident open [P0-P3] &lt;title&gt;`: declare an incident (no text opens a form with category, description, affected tables and owner)
        • `/incident update INC-n &lt;text&gt;`: post a status update in the incident's thread (no text opens a form with fix status and ETA)
        • `/incident ack INC-n`: acknowledge; you become the responder
        • `/incident severity INC-n &lt;P0-P3&gt;`: change the severity
        • `/incident status [INC-n]`: one incident in detail, or the open ones
        • `/incident fix|verify|resolve|reopen|cancel INC-n [note]`: move it along its lifecycle
        • `/incident impact INC-n revenue|customer-facing|regulatory|security`: flag the impact; the matching group is notified once
        • `/incident help`: this message
        Severities: *P0* critical (revenue or customers hit), *P1* high, *P2* medium, *P3* low (workaround exists).
        The headline in the channel has a severity menu and buttons for the next steps.
        """;
}
