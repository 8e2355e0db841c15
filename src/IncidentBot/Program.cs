using IncidentBot.Pipeline;
using IncidentBot.Hosting;

// Content root is the binary's folder: appsettings.json and templates/ are copied there from the
// repository root, so `dotnet run --project src/IncidentBot` and a published build behave the same.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = AppContext.BaseDirectory,
});

builder.AddIncidentBotLogging();
builder.AddHttpHygiene();
builder.AddIncidentBotOptions();
builder.AddStorage();
builder.AddSlack();
builder.AddMessages();
builder.AddIncidents();
builder.AddInbox();
builder.AddOutbox();
builder.AddScheduling();
builder.AddAlerts();
builder.AddWatches();
builder.AddCatalog();
builder.AddStatusPage();

var app = builder.Build();

app.UseIncidentBotRequestLogging();
app.UseHttpHygiene();
app.UseReadToken();
app.MapHealthEndpoints();
app.MapSlackEndpoints();
app.MapIncidentEndpoints();
app.MapAlertEndpoints();
app.MapWatchEndpoints();
app.MapCatalogEndpoints();
app.MapStatusEndpoints();
app.MapSchedulerDashboard();

await app.RunIncidentBotAsync();

/// <summary>Visible to the integration tests (WebApplicationFactory).</summary>
public partial class Program;
