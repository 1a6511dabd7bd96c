using MachineActors.Host;

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseUrls(builder.Configuration["urls"] ?? NodeDefaults.Url);
builder.Services.AddSingleton<ActorSystemHost>();
builder.Services.AddHostedService(services => services.GetRequiredService<ActorSystemHost>());

var app = builder.Build();
app.MapNodeEndpoints();
app.Lifetime.ApplicationStarted.Register(() =>
{
    foreach (var url in app.Urls)
    {
        Console.WriteLine($"MachineActors node is running: {url}/");
    }
});
await app.RunAsync();
