using MachineActors.Host;
using System.Text.Json;
using MachineActors.Host.Api;
using MachineActors.Host.Events;
using MachineActors.Host.Machines;
using MachineActors.Host.Security;

if (MachineActors.Host.Cli.NodeCli.Handles(args))
{
    return await MachineActors.Host.Cli.NodeCli.Run(args, Spectre.Console.AnsiConsole.Console);
}

var arguments = NodeCommandLine.Normalize(args);
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = arguments,
    // The dashboard ships next to the executable; the content root is the caller's folder (where ./data lives).
    WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
});
if (builder.Configuration["Node:ConfigFile"] is { } configFile)
{
    builder.Configuration.AddJsonFile(Path.GetFullPath(configFile), optional: false);
}
builder.Configuration.AddEnvironmentVariables("MACHINEACTORS_");
builder.Configuration.AddInMemoryCollection(NodeCommandLine.EnvironmentAliases());
// Precedence, lowest first: appsettings, --config file, environment, command line.
builder.Configuration.AddCommandLine(arguments);
var urls = builder.Configuration["urls"] ?? NodeDefaults.Url;
builder.WebHost.UseUrls(urls);
// Read when first resolved, so configuration added by tests (WebApplicationFactory) applies too.
builder.Services.AddSingleton(services =>
{
    var configuration = services.GetRequiredService<IConfiguration>();
    return NodeOptions.From(configuration) with { Urls = configuration["urls"] ?? urls };
});
builder.Services.AddSingleton<NodeStorage>();
builder.Services.AddSingleton<NodeRuntime>();
builder.Services.AddHostedService(services => services.GetRequiredService<NodeRuntime>());
if (NodeOptions.From(builder.Configuration).IsStationOnly)
{
    return await StationNode.RunAsync(builder);
}
builder.Services.AddNodeDataProtection();
builder.Services.AddSingleton<TokenService>();
// Hosted services start in this order, all before the server takes requests.
builder.Services.AddHostedService<AdminTokenBootstrap>();
builder.Services.AddHostedService<DemoMachineBootstrap>();
builder.Services.AddTokenSecurity();
builder.Services.AddSingleton<ClusterRegistryRouter>();
builder.Services.AddSingleton<RegistryClient>();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<EventFeed>();
builder.Services.AddOpenApi();
builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
// Print jobs carry labels; everything else is small. Endpoints read bodies with their own, lower limits.
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 16 * 1024 * 1024);

var app = builder.Build();
app.UseApiErrorBodies();
app.UseDefaultFiles();
app.UseStaticFiles();
app.UseAuthentication();
app.UseAuthorization();
app.MapTokenEndpoints();
app.MapMachineEndpoints();
app.MapPrintEndpoints();
app.MapCommandEndpoints();
app.MapClusterEndpoints();
app.MapOpenApi();
app.MapEventEndpoints();
app.Lifetime.ApplicationStarted.Register(() =>
{
    Console.WriteLine($"MachineActors node is running: {urls}/");
});
await app.RunAsync();
return 0;

/// <summary>Entry point; public so tests can host the node with WebApplicationFactory.</summary>
public partial class Program;
