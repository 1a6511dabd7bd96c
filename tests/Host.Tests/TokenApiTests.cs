using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Xunit;

namespace MachineActors.Host.Tests;

public sealed class TokenApiTests : IClassFixture<NodeFactory>
{
    private readonly NodeFactory _node;

    public TokenApiTests(NodeFactory node) => _node = node;

    [Fact]
    public async Task Requests_without_or_with_a_wrong_token_get_401_with_a_reason()
    {
        var none = await _node.ClientWithToken(null).GetAsync("/api/tokens/");
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("Authentication credentials were not provided.", (await Detail(none)));

        var wrong = await _node.ClientWithToken("not-a-real-token-at-all").GetAsync("/api/tokens/");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("Invalid token.", await Detail(wrong));

        var client = _node.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Bearer " + NodeFactory.AdminToken);
        var scheme = await client.GetAsync("/api/tokens/");
        Assert.Equal(HttpStatusCode.Unauthorized, scheme.StatusCode);
        Assert.Contains("Token <key>", await Detail(scheme), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_creates_a_token_whose_secret_is_shown_once_and_which_works_for_its_role()
    {
        var admin = _node.ClientWithToken(NodeFactory.AdminToken);
        var created = await admin.PostAsJsonAsync("/api/tokens/", new { name = "station viewer", role = "viewer" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var secret = body.GetProperty("token").GetString()!;
        Assert.StartsWith("mat_", secret, StringComparison.Ordinal);
        Assert.Equal("viewer", body.GetProperty("role").GetString());

        var listed = await admin.GetStringAsync("/api/tokens/");
        Assert.Contains("station viewer", listed, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, listed, StringComparison.Ordinal);
        Assert.DoesNotContain("\"token\"", listed, StringComparison.Ordinal);

        // A viewer may not manage tokens.
        var viewer = _node.ClientWithToken(secret);
        var forbidden = await viewer.GetAsync("/api/tokens/");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("You do not have permission to perform this action.", await Detail(forbidden));

        var id = body.GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/tokens/{id}/")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await viewer.GetAsync("/api/tokens/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/api/tokens/{id}/")).StatusCode);
    }

    [Theory]
    [InlineData("{\"name\": \"x\", \"role\": \"superuser\"}", "role")]
    [InlineData("{\"name\": \"\", \"role\": \"viewer\"}", "name")]
    [InlineData("{\"role\": \"viewer\"}", "name")]
    public async Task Invalid_token_requests_get_400_naming_the_field(string json, string field)
    {
        var admin = _node.ClientWithToken(NodeFactory.AdminToken);
        var before = await admin.GetStringAsync("/api/tokens/");
        var response = await admin.PostAsync("/api/tokens/", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty(field, out _));
        Assert.Equal(before, await admin.GetStringAsync("/api/tokens/"));
    }

    private static async Task<string?> Detail(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
}
