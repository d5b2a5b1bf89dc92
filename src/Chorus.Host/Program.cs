using Chorus.Engine;
using Chorus.Host.LocalDevelopment;
using Chorus.Orchestration;

WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
await using EmbeddedDefaults defaults = await EmbeddedDefaults.StartAsync(builder.Configuration);

builder.Services.AddProblemDetails();
builder.Services.AddEmbeddedDurableEngine(builder.Configuration);

WebApplication app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();

app.MapGet("/healthz", async (OrchestrationClient client, CancellationToken cancellationToken) =>
{
    // Reading a missing instance exercises the task hub end to end without changing anything.
    await client.GetInstanceAsync("healthz", cancellation: cancellationToken);
    return Results.Ok(new { status = "healthy" });
});

await app.StartAsync();
Console.WriteLine($"Chorus is running at {string.Join(", ", app.Urls)}");
if (defaults.StartedAzurite)
{
    Console.WriteLine("Blob Storage: Azurite (in memory, started by Chorus; contents vanish on exit)");
}

if (defaults.MailUi is { } mailUi)
{
    Console.WriteLine($"Mail: maildev, read sent mail at {mailUi}");
}

await app.WaitForShutdownAsync();
