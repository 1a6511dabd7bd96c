using System.Text.Json;
using MachineActors.Actors;
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

    private static async Task<IResult> Run(string pk, HttpRequest request, NodeRuntime runtime, NodeOptions options, CancellationToken ct)
    {
        if (!Guid.TryParse(pk, out var id))
        {
            return ApiResults.NotFound($"Machine '{pk}' not found");
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
        try
        {
            var reply = await runtime.Registry.Ask<MachineFunctionResult>(new CallMachineFunction(id, command.GetString()!, arguments), options.RequestTimeout, ct);
            return reply.Value is null ? Results.NoContent() : Results.Ok(new { result = reply.Value });
        }
        catch (RegistryOperationException e) when (e.InnerException is MachineCommandException invalid)
        {
            return invalid.Error switch
            {
                MachineCommandError.UnknownCommand => ApiResults.BadRequest("command is invalid"),
                MachineCommandError.MissingParameters => Results.BadRequest(new { detail = "Mandatory parameters missing", reason = invalid.Message }),
                _ => ApiResults.BadRequest(invalid.Message),
            };
        }
        catch (RegistryOperationException e)
        {
            return e.Kind switch
            {
                RegistryErrorKind.NotFound => ApiResults.NotFound($"Machine '{pk}' not found"),
                RegistryErrorKind.InvalidArgument => ApiResults.BadRequest(e.Message),
                RegistryErrorKind.DriverFailure => ApiResults.DriverFailed(e.Message),
                _ => ApiResults.Unavailable(e.Message),
            };
        }
        catch (AskTimeoutException)
        {
            return ApiResults.Unavailable($"The registry did not answer within {options.RequestTimeout.TotalSeconds:0} s.");
        }
    }
}
