using Microsoft.AspNetCore.Authentication;

namespace MachineActors.Host.Security;

/// <summary>One authorization policy per role; endpoints name the least role they need.</summary>
public static class ApiPolicies
{
    public const string Viewer = nameof(ApiRole.Viewer);
    public const string Operator = nameof(ApiRole.Operator);
    public const string Admin = nameof(ApiRole.Admin);

    public static IServiceCollection AddTokenSecurity(this IServiceCollection services)
    {
        services.AddSingleton<TokenCache>();
        services.AddAuthentication(TokenAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(Viewer, policy => policy.RequireRole(nameof(ApiRole.Viewer)))
            .AddPolicy(Operator, policy => policy.RequireRole(nameof(ApiRole.Operator)))
            .AddPolicy(Admin, policy => policy.RequireRole(nameof(ApiRole.Admin)));
        return services;
    }
}
