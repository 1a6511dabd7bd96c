namespace MachineActors.Host.Security;

/// <summary>
/// Makes sure an administrator can get in: on first start (no tokens) it creates an admin token —
/// the one given with --admin-token / MACHINEACTORS_ADMIN_TOKEN, or a new one it prints once.
/// A configured admin token that is not known yet is added on any start.
/// </summary>
public sealed partial class AdminTokenBootstrap(TokenService tokens, TokenCache cache, NodeOptions options, ILogger<AdminTokenBootstrap> logger)
    : IHostedService
{
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await cache.Loaded.WaitAsync(cancellationToken);
        if (options.AdminToken is { Length: > 0 } configured)
        {
            if (cache.FindBySecret(configured) is null)
            {
                await tokens.Create("admin (configured)", ApiRole.Admin, configured, cancellationToken);
                LogConfiguredTokenAdded(logger);
            }
            return;
        }
        if (cache.Count > 0)
        {
            return;
        }
        var (_, secret) = await tokens.Create("admin", ApiRole.Admin, cancellationToken: cancellationToken);
        // Printed once, to the console only: the node stores just its hash.
        Console.WriteLine($"Admin token (shown once, keep it): {secret}");
        Console.WriteLine($"  dashboard: {options.Urls.TrimEnd('/')}/#token={secret}");
        Console.WriteLine($"  API:       curl -H 'Authorization: Token {secret}' {options.Urls.TrimEnd('/')}/api/machine/");
        LogAdminTokenCreated(logger);
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Added the configured admin token.")]
    private static partial void LogConfiguredTokenAdded(ILogger logger);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "First start: created an admin token and printed it to the console once.")]
    private static partial void LogAdminTokenCreated(ILogger logger);
}
