using Chorus.Host;
using Chorus.Host.LocalDevelopment;

WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
await using EmbeddedDefaults defaults = await EmbeddedDefaults.StartAsync(builder.Configuration);
builder.AddChorus();

WebApplication app = builder.Build();
app.MapChorus();
await app.StartAsync();
defaults.PrintWelcome(app.Urls);
await app.WaitForShutdownAsync();
