using Chorus.Host;
using Chorus.Host.LocalDevelopment;

WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
await using EmbeddedDefaults defaults = await EmbeddedDefaults.StartAsync(builder);
builder.AddChorus();

WebApplication app = builder.Build();
app.MapChorus();
app.Lifetime.ApplicationStopping.Register(() => StartupConsole.Say("stopping ..."));
await app.StartAsync();
defaults.PrintWelcome(app.Urls, app.Services);
await app.WaitForShutdownAsync();
