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
        • `/incident resolve INC-n`: the resolution form (summary, root cause, fix, verification, data state, postmortem)
        • `/incident cancel INC-n [duplicate of INC-m | reason]`: close a false alarm or duplicate without a postmortem
        • `/incident fix|verify|reopen|close INC-n [note]`: move it along its lifecycle
        • `/incident postmortem INC-n [done &lt;link&gt;]`: where the draft is, or record the written postmortem (closes the incident)
        • `/incident action INC-n add @person|@team &lt;due&gt; &lt;text&gt;` · `action INC-n list` · `action INC-n done &lt;id&gt;`: follow-ups, due e.g. `friday`, `next monday`, `eow`, `in 2 weeks`, `2026-12-24`
        • `/incident list [open|all]` · `/incident stats [7d|30d|90d]`: incidents and the team's metrics (MTTA, MTTR, escalations, repeats, SLA)
        • `/incident assets INC-n add|remove &lt;tables or dashboards&gt;`: change what the incident affects (comma-separated, or quote a name with spaces); the headline, blast radius and owners told follow
        • `/incident impact INC-n revenue|customer-facing|regulatory|security`: flag the business impact (what it costs, not what is affected); the matching group is notified once
        • `/incident silence &lt;asset or fingerprint&gt; &lt;30m|2h|1d&gt; [reason]` · `/incident silences` · `/incident unsilence &lt;id&gt;`: quiet alerts during maintenance (they are still counted)
        • `/incident watches`: the freshness watches, what each last found, the newest load it saw and when it runs next
        • `/incident help`: this message
        Severities: *P0* critical (revenue or customers hit), *P1* high, *P2* medium, *P3* low (workaround exists).
        The headline in the channel has a severity menu and buttons for the next steps.
        """;
}
