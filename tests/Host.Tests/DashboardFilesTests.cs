using System.Net;
using Xunit;

namespace MachineActors.Host.Tests;

/// <summary>The dashboard's static files: served at / without a token (the page asks for one), with their types.</summary>
public sealed class DashboardFilesTests : IClassFixture<NodeFactory>
{
    private readonly NodeFactory _node;

    public DashboardFilesTests(NodeFactory node) => _node = node;

    [Theory]
    [InlineData("/", "text/html", "<script type=\"module\" src=\"app.js\">")]
    [InlineData("/app.js", "text/javascript", "follow({")]
    [InlineData("/app.css", "text/css", ".status-danger")]
    public async Task The_dashboard_is_served_without_a_token(string path, string mediaType, string content)
    {
        var response = await _node.ClientWithToken(null).GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(content, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_still_needs_a_token()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await _node.ClientWithToken(null).GetAsync("/api/machine/")).StatusCode);
    }
}
