using System.Net;
using System.Text;
using MachineActors.Host.Security;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace MachineActors.Host.Tests.Security;

/// <summary>
/// Every endpoint the node maps (read from its <see cref="EndpointDataSource"/>, so a new endpoint is covered or
/// fails here) against every kind of caller: no token and wrong tokens get 401, a role too low gets 403 and changes
/// nothing, the least role that may call it gets neither. The OpenAPI document and the dashboard's files are public.
/// </summary>
public sealed class EndpointMatrixTests : IClassFixture<NodeFactory>, IAsyncLifetime
{
    /// <summary>Who may call an endpoint, and a request to it that the least such role gets through with.</summary>
    private sealed record Expectation(ApiRole? LeastRole, Func<Fixture, string> Path, Func<Fixture, string>? Body = null);

    private sealed record Fixture(string Machine, string Printer, string Job);

    private static readonly Dictionary<string, Expectation> s_expected = new(StringComparer.Ordinal)
    {
        ["GET /api/machine/"] = new(ApiRole.Viewer, _ => "/api/machine/"),
        ["POST /api/machine/"] = new(ApiRole.Admin, _ => "/api/machine/",
            _ => $$"""{"name": "{{SecurityApi.Unique("matrix")}}", "machine_type": "test-printer", "driver": "test-printer-api"}"""),
        ["GET /api/machine/types/"] = new(ApiRole.Viewer, _ => "/api/machine/types/"),
        ["GET /api/machine/drivers/"] = new(ApiRole.Viewer, _ => "/api/machine/drivers/"),
        ["GET /api/machine/status/"] = new(ApiRole.Viewer, _ => "/api/machine/status/"),
        ["GET /api/machine/{pk}/"] = new(ApiRole.Viewer, f => $"/api/machine/{f.Machine}/"),
        ["PATCH /api/machine/{pk}/"] = new(ApiRole.Admin, f => $"/api/machine/{f.Machine}/", _ => """{"active": true}"""),
        ["PUT /api/machine/{pk}/"] = new(ApiRole.Admin, f => $"/api/machine/{f.Machine}/", _ => """{"active": true}"""),
        // Not the fixture's machine: deleting it would change what the other requests see.
        ["DELETE /api/machine/{pk}/"] = new(ApiRole.Admin, _ => $"/api/machine/{Guid.NewGuid()}/"),
        ["GET /api/machine/{pk}/settings/"] = new(ApiRole.Viewer, f => $"/api/machine/{f.Machine}/settings/"),
        ["GET /api/machine/{pk}/settings/{configType}/{key}/"] = new(ApiRole.Viewer, f => $"/api/machine/{f.Machine}/settings/D/TEST_SETTING/"),
        ["PATCH /api/machine/{pk}/settings/{configType}/{key}/"] = new(ApiRole.Admin, f => $"/api/machine/{f.Machine}/settings/D/TEST_SETTING/", _ => """{"value": "matrix"}"""),
        ["PUT /api/machine/{pk}/settings/{configType}/{key}/"] = new(ApiRole.Admin, f => $"/api/machine/{f.Machine}/settings/D/TEST_SETTING/", _ => """{"value": "matrix"}"""),
        ["POST /api/machine/{pk}/restart/"] = new(ApiRole.Operator, f => $"/api/machine/{f.Machine}/restart/"),
        ["POST /api/machine/{pk}/print/"] = new(ApiRole.Operator, f => $"/api/machine/{f.Printer}/print/", _ => SecurityApi.PrintBody("matrix")),
        ["GET /api/machine/{pk}/jobs/"] = new(ApiRole.Viewer, f => $"/api/machine/{f.Printer}/jobs/"),
        ["GET /api/machine/{pk}/jobs/{jobId}/"] = new(ApiRole.Viewer, f => $"/api/machine/{f.Printer}/jobs/{f.Job}/"),
        ["POST /api/machine/{pk}/command/"] = new(ApiRole.Operator, f => $"/api/machine/{f.Machine}/command/", _ => """{"command": "custom_func", "x": 6, "y": 7}"""),
        ["GET /api/tokens/"] = new(ApiRole.Admin, _ => "/api/tokens/"),
        ["POST /api/tokens/"] = new(ApiRole.Admin, _ => "/api/tokens/", _ => """{"name": "matrix", "role": "viewer"}"""),
        ["DELETE /api/tokens/{id}/"] = new(ApiRole.Admin, _ => $"/api/tokens/{Guid.NewGuid()}/"),
        ["GET /api/cluster/nodes/"] = new(ApiRole.Viewer, _ => "/api/cluster/nodes/"),
        ["GET /api/events/"] = new(ApiRole.Viewer, _ => "/api/events/"),
        // The API's description is public, as the dashboard's files are: it holds no data.
        ["GET /openapi/{documentName}.json"] = new(null, _ => "/openapi/v1.json"),
    };

    private readonly NodeFactory _node;
    private readonly HttpClient _admin;
    private readonly string _spool = Directory.CreateTempSubdirectory("machineactors-matrix-").FullName;
    private readonly Dictionary<ApiRole, string> _tokens = [];
    private Fixture _fixture = null!;
    private string _revoked = null!;

    public EndpointMatrixTests(NodeFactory node)
    {
        _node = node;
        _admin = node.ClientWithToken(NodeFactory.AdminToken);
    }

    public async Task InitializeAsync()
    {
        var machine = await SecurityApi.CreateMachine(_admin, new { name = SecurityApi.Unique("matrix"), machine_type = "test-printer", driver = "test-printer-api" });
        var (printer, job) = await SecurityApi.PrinterWithJob(_admin, _spool);
        _fixture = new Fixture(machine, printer, job);
        _tokens[ApiRole.Viewer] = await SecurityApi.Token(_admin, "viewer");
        _tokens[ApiRole.Operator] = await SecurityApi.Token(_admin, "operator");
        _tokens[ApiRole.Admin] = NodeFactory.AdminToken;
        _revoked = await SecurityApi.Token(_admin, "admin");
        var listed = System.Text.Json.JsonDocument.Parse(await _admin.GetStringAsync("/api/tokens/")).RootElement.EnumerateArray().Last();
        using var revoke = await _admin.DeleteAsync($"/api/tokens/{listed.GetProperty("id").GetString()}/");
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
    }

    public Task DisposeAsync() => SecurityApi.DeleteSpoolOnceIdle(_admin, _fixture?.Printer, _spool);

    [Fact]
    public void Every_endpoint_has_an_expectation_and_every_expectation_an_endpoint()
    {
        var mapped = Endpoints();
        var unexpected = mapped.Except(s_expected.Keys).ToList();
        var missing = s_expected.Keys.Except(mapped).ToList();
        Assert.True(unexpected.Count == 0, "endpoints nobody decided who may call: " + string.Join(", ", unexpected));
        Assert.True(missing.Count == 0, "expected endpoints the node does not map: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task Requests_without_a_token_or_with_a_wrong_one_get_401_on_every_protected_endpoint()
    {
        var callers = new (string Caller, string? Header)[]
        {
            ("no token", null),
            ("an unknown token", "Token mat_not-a-token-this-node-ever-issued"),
            ("a revoked token", "Token " + _revoked),
            ("an empty token", "Token "),
            ("another scheme", "Bearer " + NodeFactory.AdminToken),
            ("the admin token without a scheme", NodeFactory.AdminToken),
        };
        var failures = new List<string>();
        foreach (var (endpoint, expectation) in Mapped())
        {
            foreach (var (caller, header) in callers)
            {
                var status = await Send(endpoint, expectation, header);
                var expected = expectation.LeastRole is null ? HttpStatusCode.OK : HttpStatusCode.Unauthorized;
                if (status != expected)
                {
                    failures.Add($"{endpoint} with {caller}: {(int)status}, expected {(int)expected}");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task A_role_below_the_endpoints_gets_403_and_changes_nothing()
    {
        var before = await SecurityApi.Snapshot(_admin);
        var failures = new List<string>();
        var checkedRequests = 0;
        foreach (var (endpoint, expectation) in Mapped())
        {
            foreach (var role in Enum.GetValues<ApiRole>().Where(r => expectation.LeastRole is { } least && r < least))
            {
                checkedRequests++;
                var status = await Send(endpoint, expectation, "Token " + _tokens[role]);
                if (status != HttpStatusCode.Forbidden)
                {
                    failures.Add($"{endpoint} as {role}: {(int)status}, expected 403");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(checkedRequests >= 12, $"only {checkedRequests} under-privileged requests were checked");
        Assert.Equal(before, await SecurityApi.Snapshot(_admin));
    }

    [Fact]
    public async Task The_least_role_an_endpoint_names_and_every_role_above_it_get_through()
    {
        var failures = new List<string>();
        foreach (var (endpoint, expectation) in Mapped())
        {
            foreach (var role in Enum.GetValues<ApiRole>().Where(r => expectation.LeastRole is null || r >= expectation.LeastRole))
            {
                var (status, body) = await SendReadingErrors(endpoint, expectation, "Token " + _tokens[role]);
                if (status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden || (int)status >= 500)
                {
                    failures.Add($"{endpoint} as {role}: {(int)status} {body}");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/index.html")]
    [InlineData("/app.js")]
    [InlineData("/api.js")]
    public async Task The_dashboards_files_are_public(string path)
    {
        using var response = await _node.ClientWithToken(null).GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/..%2fappsettings.json")]
    [InlineData("/%2e%2e/%2e%2e/appsettings.json")]
    [InlineData("/..%2fMachineActors.Host.dll")]
    [InlineData("/keys/")]
    [InlineData("/machineactors.db")]
    public async Task Nothing_outside_the_dashboards_folder_is_served(string path)
    {
        using var response = await _node.ClientWithToken(null).GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private IEnumerable<(string Endpoint, Expectation Expectation)> Mapped() =>
        Endpoints().Where(s_expected.ContainsKey).Order(StringComparer.Ordinal).Select(e => (e, s_expected[e]));

    /// <summary>"METHOD pattern" for every route the node maps, one per HTTP method.</summary>
    private List<string> Endpoints()
    {
        _ = _node.Server;
        var endpoints = _node.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        Assert.NotEmpty(endpoints);
        return endpoints
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .Distinct()
            .ToList();
    }

    private async Task<HttpStatusCode> Send(string endpoint, Expectation expectation, string? authorization) =>
        (await SendReadingErrors(endpoint, expectation, authorization)).Status;

    /// <summary>The answer's status, and its body when it is an error (a success may be the endless event stream).</summary>
    private async Task<(HttpStatusCode Status, string Body)> SendReadingErrors(string endpoint, Expectation expectation, string? authorization)
    {
        var method = new HttpMethod(endpoint[..endpoint.IndexOf(' ', StringComparison.Ordinal)]);
        using var request = new HttpRequestMessage(method, expectation.Path(_fixture));
        if (expectation.Body is { } body)
        {
            request.Content = new StringContent(body(_fixture), Encoding.UTF8, "application/json");
        }
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }
        using var client = _node.CreateClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        // Headers only: the event stream never ends.
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        var error = (int)response.StatusCode >= 400 ? await response.Content.ReadAsStringAsync(timeout.Token) : "";
        return (response.StatusCode, error);
    }
}
