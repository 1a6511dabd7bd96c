using MachineActors.Host.Api;
using MachineActors.Host.Security;
using MachineActors.Machines;
using MachineActors.Registry;

namespace MachineActors.Host.Machines;

/// <summary>/api/machine/: InvenTree's machine API (list, create, detail, settings, restart, types, drivers, status).</summary>
public static class MachineEndpoints
{
    public static void MapMachineEndpoints(this WebApplication app)
    {
        var api = app.MapGroup("/api/machine");
        api.MapGet("/", List).RequireAuthorization(ApiPolicies.Viewer);
        api.MapPost("/", Create).RequireAuthorization(ApiPolicies.Admin);
        api.MapGet("/types/", Types).RequireAuthorization(ApiPolicies.Viewer);
        api.MapGet("/drivers/", Drivers).RequireAuthorization(ApiPolicies.Viewer);
        api.MapGet("/status/", RegistryStatus).RequireAuthorization(ApiPolicies.Viewer);
        api.MapGet("/{pk}/", Detail).RequireAuthorization(ApiPolicies.Viewer);
        api.MapMethods("/{pk}/", ["PATCH", "PUT"], Update).RequireAuthorization(ApiPolicies.Admin);
        api.MapDelete("/{pk}/", Delete).RequireAuthorization(ApiPolicies.Admin);
        api.MapGet("/{pk}/settings/", Settings).RequireAuthorization(ApiPolicies.Viewer);
        api.MapGet("/{pk}/settings/{configType}/{key}/", Setting).RequireAuthorization(ApiPolicies.Viewer);
        api.MapMethods("/{pk}/settings/{configType}/{key}/", ["PATCH", "PUT"], SetSetting).RequireAuthorization(ApiPolicies.Admin);
        api.MapPost("/{pk}/restart/", Restart).RequireAuthorization(ApiPolicies.Operator);
    }

    private static async Task<IResult> List(HttpRequest request, RegistryClient registry, NodeOptions node, CancellationToken ct)
    {
        var filter = MachineFilter.All;
        try
        {
            filter = MachineFilter.Parse(request.Query
                .Where(q => MachineFilter.FieldNames.Contains(q.Key))
                .Select(q => new KeyValuePair<string, string?>(q.Key, q.Value.ToString())));
            if (!request.Query.ContainsKey("initialized"))
            {
                filter = filter with { Initialized = null };
            }
        }
        catch (RegistryOperationException e)
        {
            return ApiResults.BadRequest(e.Message);
        }
        var (reply, error) = await registry.Ask<MachinesResult>(new GetMachines(filter), ct);
        if (error is not null)
        {
            return RegistryClient.ToResult(error);
        }
        // The registry lists them by name.
        IEnumerable<MachineView> machines = reply!.Machines;
        if (request.Query["search"].ToString() is { Length: > 0 } search)
        {
            machines = machines.Where(m => m.Name.Contains(search, StringComparison.OrdinalIgnoreCase) || m.Driver.Contains(search, StringComparison.OrdinalIgnoreCase));
        }
        return Pagination.Page(request, machines.Select(m => MachineJson.Machine(m, node.NodeName)).ToList());
    }

    private static async Task<IResult> Create(HttpRequest request, RegistryClient registry, NodeOptions node, CancellationToken ct)
    {
        var (body, bodyError) = await JsonBody.ReadObject(request);
        if (bodyError is not null)
        {
            return bodyError;
        }
        var fields = new JsonFields(body);
        var name = fields.String("name", required: true);
        var type = fields.String("machine_type", required: true);
        var driver = fields.String("driver", required: true);
        var active = fields.Bool("active");
        var placement = fields.String("placement");
        var settings = SettingChanges.Read(fields);
        if (fields.Errors.Count > 0)
        {
            return ApiResults.FieldErrors(fields.Errors);
        }
        var (reply, error) = await registry.Ask<MachineResult>(
            new AddMachine(name!, type!, driver!) { Active = active ?? true, Placement = placement, Settings = settings }, ct);
        if (error is not null)
        {
            return FieldError(error, name, type) ?? RegistryClient.ToResult(error);
        }
        return Results.Created($"/api/machine/{reply!.Machine.Id}/", MachineJson.Machine(reply.Machine, node.NodeName));
    }

    private static async Task<IResult> Detail(string pk, RegistryClient registry, NodeOptions node, CancellationToken ct)
    {
        if (!Guid.TryParse(pk, out var id))
        {
            return ApiResults.MachineNotFound(pk);
        }
        var (reply, error) = await registry.Ask<MachineResult>(new GetMachine(id), ct);
        return error is not null ? RegistryClient.ToMachineResult(error, pk) : Results.Ok(MachineJson.Machine(reply!.Machine, node.NodeName));
    }

    private static async Task<IResult> Update(string pk, HttpRequest request, RegistryClient registry, NodeOptions node, CancellationToken ct)
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
        var fields = new JsonFields(body);
        var name = fields.String("name");
        if (fields.Has("name") && string.IsNullOrWhiteSpace(name) && !fields.Errors.ContainsKey("name"))
        {
            fields.Errors["name"] = ["This field may not be blank."];
        }
        foreach (var fixedField in new[] { "machine_type", "driver" })
        {
            if (fields.Has(fixedField))
            {
                fields.Errors[fixedField] = ["This field cannot be changed after the machine is created."];
            }
        }
        var active = fields.Bool("active");
        var placement = fields.String("placement");
        if (fields.Errors.Count > 0)
        {
            return ApiResults.FieldErrors(fields.Errors);
        }
        var (reply, error) = await registry.Ask<MachineResult>(
            new UpdateMachineConfig(id) { Name = name, Active = active, Placement = placement }, ct);
        return error is not null
            ? FieldError(error, name, null) ?? RegistryClient.ToMachineResult(error, pk)
            : Results.Ok(MachineJson.Machine(reply!.Machine, node.NodeName));
    }

    private static async Task<IResult> Delete(string pk, RegistryClient registry, CancellationToken ct)
    {
        if (!Guid.TryParse(pk, out var id))
        {
            return ApiResults.MachineNotFound(pk);
        }
        var (_, error) = await registry.Ask<MachineRemoved>(new RemoveMachine(id), ct);
        return error is not null ? RegistryClient.ToMachineResult(error, pk) : Results.NoContent();
    }

    private static async Task<IResult> Settings(string pk, RegistryClient registry, CancellationToken ct)
    {
        if (!Guid.TryParse(pk, out var id))
        {
            return ApiResults.MachineNotFound(pk);
        }
        var (reply, error) = await registry.Ask<SettingsResult>(new GetMachineSettings(id), ct);
        if (error is not null)
        {
            return RegistryClient.ToMachineResult(error, pk);
        }
        // The registry lists machine settings first, then driver settings (as InvenTree lists them).
        return Results.Ok(reply!.Settings.Select(MachineJson.Setting));
    }

    private static async Task<IResult> Setting(string pk, string configType, string key, RegistryClient registry, CancellationToken ct)
    {
        if (!Guid.TryParse(pk, out var id))
        {
            return ApiResults.MachineNotFound(pk);
        }
        if (!SettingConfigTypeCodes.TryParse(configType, out var type))
        {
            return ApiResults.NotFound($"Config type '{configType}' is not M or D");
        }
        var (reply, error) = await registry.Ask<SettingResult>(new GetMachineSetting(id, type, key), ct);
        return error is not null ? RegistryClient.ToMachineResult(error, pk) : Results.Ok(MachineJson.Setting(reply!.Setting));
    }

    private static async Task<IResult> SetSetting(string pk, string configType, string key, HttpRequest request, RegistryClient registry, CancellationToken ct)
    {
        if (!Guid.TryParse(pk, out var id))
        {
            return ApiResults.MachineNotFound(pk);
        }
        if (!SettingConfigTypeCodes.TryParse(configType, out var type))
        {
            return ApiResults.NotFound($"Config type '{configType}' is not M or D");
        }
        var (body, bodyError) = await JsonBody.ReadObject(request);
        if (bodyError is not null)
        {
            return bodyError;
        }
        if (new JsonFields(body).Raw("value") is not { } value)
        {
            return ApiResults.FieldError("value", "This field is required.");
        }
        var (reply, error) = await registry.Ask<SettingResult>(new SetMachineSetting(id, type, key, value), ct);
        if (error is not null)
        {
            // An invalid value is a field error on "value" (InvenTree answers {"value": [...]}).
            return error.Kind == RegistryErrorKind.InvalidArgument
                ? ApiResults.FieldError("value", error.Message)
                : RegistryClient.ToMachineResult(error, pk);
        }
        return Results.Ok(MachineJson.Setting(reply!.Setting));
    }

    private static async Task<IResult> Restart(string pk, RegistryClient registry, CancellationToken ct)
    {
        if (!Guid.TryParse(pk, out var id))
        {
            return ApiResults.MachineNotFound(pk);
        }
        var (_, error) = await registry.Ask<MachineResult>(new RestartMachine(id), ct);
        return error is not null ? RegistryClient.ToMachineResult(error, pk) : Results.Ok(new { ok = true });
    }

    private static async Task<IResult> Types(RegistryClient registry, CancellationToken ct)
    {
        var (reply, error) = await registry.Ask<MachineTypesResult>(GetMachineTypes.Instance, ct);
        return error is not null ? RegistryClient.ToResult(error) : Results.Ok(reply!.MachineTypes.Select(MachineJson.MachineType));
    }

    private static async Task<IResult> Drivers(HttpRequest request, RegistryClient registry, CancellationToken ct)
    {
        var machineType = request.Query["machine_type"].ToString();
        var (reply, error) = await registry.Ask<DriversResult>(new GetDrivers(machineType.Length > 0 ? machineType : null), ct);
        return error is not null ? RegistryClient.ToResult(error) : Results.Ok(reply!.Drivers.Select(MachineJson.Driver));
    }

    private static async Task<IResult> RegistryStatus(RegistryClient registry, CancellationToken ct)
    {
        var (reply, error) = await registry.Ask<RegistryStatusResult>(GetRegistryStatus.Instance, ct);
        return error is not null ? RegistryClient.ToResult(error) : Results.Ok(new { registry_errors = reply!.Errors.Select(e => new { message = e.Message }) });
    }

    /// <summary>Registry refusals about a setting, the driver, the machine type or the name become field errors; null for any other refusal.</summary>
    private static IResult? FieldError(RegistryOperationException error, string? name, string? type)
    {
        if (error.Kind != RegistryErrorKind.InvalidArgument)
        {
            return null;
        }
        // Most specific first: a slug or a setting key may itself contain the word "name".
        if (SettingChanges.IsSettingError(error))
        {
            return ApiResults.FieldError("settings", error.Message);
        }
        if (error.Message.StartsWith("Driver ", StringComparison.Ordinal))
        {
            return ApiResults.FieldError("driver", error.Message);
        }
        if (error.Message.StartsWith("Machine type ", StringComparison.Ordinal) && type is not null)
        {
            return ApiResults.FieldError("machine_type", error.Message);
        }
        if (error.Message.Contains("name", StringComparison.OrdinalIgnoreCase) && name is not null)
        {
            return ApiResults.FieldError("name", error.Message);
        }
        return null;
    }
}
