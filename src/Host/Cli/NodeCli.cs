using System.CommandLine;
using System.Text;
using System.Text.Json;
using Spectre.Console;

namespace MachineActors.Host.Cli;

/// <summary>
/// The command line against a running node: <c>machines list|add|print</c>, <c>nodes</c>, <c>tokens create</c>.
/// The node's URL and token come from --url/--token or MACHINEACTORS_URL/MACHINEACTORS_TOKEN.
/// </summary>
public static class NodeCli
{
    private static readonly string[] s_commands = ["machines", "nodes", "tokens"];

    public static bool Handles(IReadOnlyList<string> args) => args.Count > 0 && s_commands.Contains(args[0]);

    /// <param name="connect">Makes the HTTP client for a URL and token (tests pass one bound to an in-process node).</param>
    public static Task<int> Run(string[] args, IAnsiConsole console, Func<string, string?, HttpClient>? connect = null)
    {
        connect ??= NodeClient.Connect;
        var url = new Option<string>("--url") { Description = "The node's URL", DefaultValueFactory = _ => Environment.GetEnvironmentVariable("MACHINEACTORS_URL") ?? NodeDefaults.Url, Recursive = true };
        var token = new Option<string?>("--token") { Description = "An API token", DefaultValueFactory = _ => Environment.GetEnvironmentVariable("MACHINEACTORS_TOKEN"), Recursive = true };
        var root = new RootCommand("MachineActors: a node runs without a command; these commands talk to a running node.");
        root.Options.Add(url);
        root.Options.Add(token);
        root.Subcommands.Add(Machines(console, Client));
        root.Subcommands.Add(Nodes(console, Client));
        root.Subcommands.Add(Tokens(console, Client));
        return root.Parse(args).InvokeAsync();

        NodeClient Client(ParseResult parse) => new(connect(parse.GetValue(url)!, parse.GetValue(token)));
    }

    private static Command Machines(IAnsiConsole console, Func<ParseResult, NodeClient> client)
    {
        var list = new Command("list", "List the machines");
        list.SetAction((parse, ct) => Guarded(console, async () =>
        {
            var table = new Table().AddColumns("Name", "Type", "Driver", "Status", "Node", "Errors");
            foreach (var m in (await client(parse).Get("api/machine/", ct)).EnumerateArray())
            {
                table.AddRow(Markup.Escape(m.GetProperty("name").GetString()!), m.GetProperty("machine_type").GetString()!, m.GetProperty("driver").GetString()!,
                    Markup.Escape($"{m.GetProperty("status_model").GetString()} {m.GetProperty("status_text").GetString()}".Trim()),
                    m.GetProperty("node").GetString()!, Markup.Escape(string.Join("; ", m.GetProperty("machine_errors").EnumerateArray().Select(e => e.GetString()))));
            }
            console.Write(table);
        }));

        var name = new Option<string>("--name") { Required = true, Description = "The machine's name" };
        var type = new Option<string>("--type") { DefaultValueFactory = _ => "label-printer", Description = "Machine type slug" };
        var driver = new Option<string>("--driver") { Required = true, Description = "Driver slug" };
        var settings = new Option<string[]>("--setting") { Description = "M:KEY=VALUE or D:KEY=VALUE (repeatable)", AllowMultipleArgumentsPerToken = false };
        var add = new Command("add", "Add a machine") { name, type, driver, settings };
        add.SetAction((parse, ct) => Guarded(console, async () =>
        {
            var api = client(parse);
            var created = await api.Post("api/machine/", new { name = parse.GetValue(name), machine_type = parse.GetValue(type), driver = parse.GetValue(driver) }, ct);
            var pk = created.GetProperty("pk").GetString();
            foreach (var setting in parse.GetValue(settings) ?? [])
            {
                var (configType, key, value) = ParseSetting(setting);
                await api.Patch($"api/machine/{pk}/settings/{configType}/{key}/", new { value }, ct);
            }
            console.MarkupLine($"Added [bold]{Markup.Escape(parse.GetValue(name)!)}[/] ({pk}).");
        }));

        var machine = new Option<string>("--machine") { Required = true, Description = "The machine's name or id" };
        var text = new Option<string?>("--text") { Description = "Print this text as a text/plain label" };
        var file = new Option<FileInfo?>("--file") { Description = "Print this file" };
        var contentType = new Option<string>("--content-type") { DefaultValueFactory = _ => "application/zpl", Description = "The file's content type" };
        var copies = new Option<int>("--copies") { DefaultValueFactory = _ => 1 };
        var key = new Option<string?>("--idempotency-key") { Description = "Retrying with the same key never prints twice" };
        var print = new Command("print", "Print a label and follow the job") { machine, text, file, contentType, copies, key };
        print.SetAction((parse, ct) => Guarded(console, async () =>
        {
            var api = client(parse);
            var target = await api.Machine(parse.GetValue(machine)!, ct);
            var pk = target.GetProperty("pk").GetString();
            var (content, mediaType) = parse.GetValue(file) is { } f
                ? (await File.ReadAllBytesAsync(f.FullName, ct), parse.GetValue(contentType)!)
                : (Encoding.UTF8.GetBytes(parse.GetValue(text) ?? throw new CliException("Give --text or --file.")), "text/plain");
            var job = await api.Post($"api/machine/{pk}/print/", new
            {
                labels = new[] { new { content = Convert.ToBase64String(content), content_type = mediaType } },
                copies = parse.GetValue(copies),
            }, ct);
            var jobId = job.GetProperty("id").GetString();
            await console.Progress().StartAsync(async progress =>
            {
                var bar = progress.AddTask($"job {jobId}", maxValue: 100);
                while (job.GetProperty("state").GetString() is "queued" or "printing")
                {
                    bar.Value = job.GetProperty("progress").GetInt32();
                    await Task.Delay(100, ct);
                    job = await api.Get($"api/machine/{pk}/jobs/{jobId}/", ct);
                }
                bar.Value = job.GetProperty("progress").GetInt32();
            });
            var state = job.GetProperty("state").GetString();
            console.MarkupLine($"Job {jobId}: [bold]{state}[/]{(job.GetProperty("error").GetString() is { } error ? " - " + Markup.Escape(error) : "")}");
            if (state != "completed")
            {
                throw new CliException($"The job ended {state}.");
            }
        }));
        return new Command("machines", "Machines of the node") { list, add, print };
    }

    private static Command Nodes(IAnsiConsole console, Func<ParseResult, NodeClient> client)
    {
        var nodes = new Command("nodes", "List the cluster's nodes");
        nodes.SetAction((parse, ct) => Guarded(console, async () =>
        {
            var table = new Table().AddColumns("Name", "Address", "Roles", "Status", "Machines");
            foreach (var n in (await client(parse).Get("api/cluster/nodes/", ct)).EnumerateArray())
            {
                table.AddRow(n.GetProperty("name").GetString()!, n.GetProperty("address").GetString()!,
                    string.Join(", ", n.GetProperty("roles").EnumerateArray().Select(r => r.GetString())), n.GetProperty("status").GetString()!,
                    n.GetProperty("machines").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            console.Write(table);
        }));
        return nodes;
    }

    private static Command Tokens(IAnsiConsole console, Func<ParseResult, NodeClient> client)
    {
        var name = new Option<string>("--name") { Required = true };
        var role = new Option<string>("--role") { DefaultValueFactory = _ => "viewer", Description = "viewer, operator or admin" };
        var create = new Command("create", "Create an API token (shown once)") { name, role };
        create.SetAction((parse, ct) => Guarded(console, async () =>
        {
            var token = await client(parse).Post("api/tokens/", new { name = parse.GetValue(name), role = parse.GetValue(role) }, ct);
            console.MarkupLine($"Token for [bold]{Markup.Escape(parse.GetValue(name)!)}[/] ({token.GetProperty("role").GetString()}), shown once:");
            console.WriteLine(token.GetProperty("token").GetString()!);
        }));
        return new Command("tokens", "API tokens") { create };
    }

    private static (string ConfigType, string Key, string Value) ParseSetting(string setting)
    {
        var equals = setting.IndexOf('=', StringComparison.Ordinal);
        var colon = setting.IndexOf(':', StringComparison.Ordinal);
        if (equals < 0 || colon < 0 || colon > equals || setting[..colon] is not ("M" or "D"))
        {
            throw new CliException($"'{setting}' is not M:KEY=VALUE or D:KEY=VALUE.");
        }
        return (setting[..colon], setting[(colon + 1)..equals], setting[(equals + 1)..]);
    }

    private static async Task<int> Guarded(IAnsiConsole console, Func<Task> action)
    {
        try
        {
            await action();
            return 0;
        }
        catch (CliException e)
        {
            console.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
            return 1;
        }
    }
}
