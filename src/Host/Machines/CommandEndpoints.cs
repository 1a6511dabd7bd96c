using System.Text.Json;
using MachineActors.Host.Api;
using MachineActors.Host.Security;
using MachineActors.Machines;
using MachineActors.Registry;

namespace MachineActors.Host.Machines;

/// <summary>
/// POST /api/machine/{pk}/command/ runs a driver command, with OctoPrint's SimpleApiPlugin rules:
/// <c>{"command": "name", ...parameters}</c>; 400 "command is invalid" for an unknown command, 400 "Mandatory
/// parameters missing" when one is absent, 200 with the result, or 204 when the command returns nothing.
/// </summary>
public static class CommandEndpoints
{
    public static void MapCommandEndpoints(this WebApplication app) =>
        app.MapPost("/api/machine/{pk}/command/", Run).RequireAuthorization(ApiPolicies.Operator);

    private static async Task<IResult> Run(string pk, HttpRequest request, RegistryClient registry, CancellationToken ct)
    {
        if (!Guid.TryParse(pk, out var id))
        {
            return ApiResults.MachineNotFound(pk);
        }
        var (body, bodyError) = await JsonBody.ReadObject(request);
        if (bodyError is not null)
        {
            return bodyError;
        }
        if (!body.TryGetProperty("command", out var command) || command.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(command.GetString()))
        {
            return ApiResults.BadRequest("command is invalid");
        }
        var arguments = body.EnumerateObject().Where(p => p.Name != "command").ToDictionary(p => p.Name, p => (object?)p.Value.Clone());
        var (reply, error) = await registry.Ask<MachineFunctionResult>(new CallMachineFunction(id, command.GetString()!, arguments), ct);
        if (error is not null)
        {
            return error.InnerException is MachineCommandException invalid ? CommandRefused(invalid) : RegistryClient.ToMachineResult(error, pk);
        }
        return reply!.Value is null ? Results.NoContent() : Results.Ok(new { result = reply.Value });
    }

    private static IResult CommandRefused(MachineCommandException invalid) => invalid.Error switch
    {
        MachineCommandError.UnknownCommand => ApiResults.BadRequest("command is invalid"),
        MachineCommandError.MissingParameters => Results.BadRequest(new { detail = "Mandatory parameters missing", reason = invalid.Message }),
        _ => ApiResults.BadRequest(invalid.Message),
    };
}
