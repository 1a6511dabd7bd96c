using System.Net.Http.Headers;
using MachineActors.Host.Cli;
using Spectre.Console;

namespace MachineActors.Host.Tests;

/// <summary>The CLI against a node: tokens, machines (add, list, print with progress), nodes, and clear failures.</summary>
public sealed class CliTests(NodeFactory node) : IClassFixture<NodeFactory>, IDisposable
{
    private readonly string _spool = Directory.CreateTempSubdirectory("machineactors-cli-").FullName;

    public void Dispose() => Directory.Delete(_spool, recursive: true);

    private async Task<(int ExitCode, string Output)> Run(params string[] args)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        // Wide enough that table cells never wrap.
        console.Profile.Width = 400;
        var exitCode = await NodeCli.Run([.. args, "--token", NodeFactory.AdminToken], console, (_, token) =>
        {
            var client = node.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Token", token);
            return client;
        });
        return (exitCode, output.ToString());
    }

    [Fact]
    public async Task Machines_are_added_listed_and_printed_on()
    {
        var name = $"cli-{Guid.NewGuid():N}"[..16];
        var (added, addOutput) = await Run("machines", "add", "--name", name, "--driver", "virtual-label-printer", "--setting", $"D:SPOOL_DIR={_spool}");
        Assert.True(added == 0, addOutput);
        var (listed, table) = await Run("machines", "list");
        Assert.Equal(0, listed);
        Assert.Contains(name, table, StringComparison.Ordinal);
        Assert.Contains("virtual-label-printer", table, StringComparison.Ordinal);

        var (printed, printOutput) = await Run("machines", "print", "--machine", name, "--text", "from the CLI", "--copies", "2");
        Assert.True(printed == 0, printOutput);
        Assert.Contains("completed", printOutput, StringComparison.Ordinal);
        Assert.Equal(2, Directory.GetFiles(_spool).Length);
        Assert.All(Directory.GetFiles(_spool), f => Assert.Equal("from the CLI", File.ReadAllText(f)));
    }

    [Fact]
    public async Task Tokens_and_nodes()
    {
        var (created, output) = await Run("tokens", "create", "--name", "cli station", "--role", "operator");
        Assert.Equal(0, created);
        Assert.Contains("mat_", output, StringComparison.Ordinal);
        var (listed, nodes) = await Run("nodes");
        Assert.Equal(0, listed);
        Assert.Contains("local", nodes, StringComparison.Ordinal);
        Assert.Contains("up", nodes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failures_say_why_and_exit_with_1()
    {
        var (exitCode, output) = await Run("machines", "print", "--machine", "no-such-printer", "--text", "x");
        Assert.Equal(1, exitCode);
        Assert.Contains("No machine is named", output, StringComparison.Ordinal);
        var (badSetting, settingOutput) = await Run("machines", "add", "--name", "x", "--driver", "virtual-label-printer", "--setting", "SPOOL_DIR");
        Assert.Equal(1, badSetting);
        Assert.Contains("is not M:KEY=VALUE", settingOutput, StringComparison.Ordinal);
        var (badRole, roleOutput) = await Run("tokens", "create", "--name", "x", "--role", "root");
        Assert.Equal(1, badRole);
        Assert.Contains("400", roleOutput, StringComparison.Ordinal);
    }
}
