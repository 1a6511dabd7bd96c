using System.Reflection;
using System.Text.Json;

namespace MachineActors.Machines;

/// <summary>A validated command method: binds arguments, invokes it and unwraps its result.</summary>
internal sealed class CommandMethod
{
    private readonly MethodInfo _method;
    private readonly IReadOnlyList<CommandSlot> _slots;
    private readonly PropertyInfo? _result;

    public CommandMethod(MethodInfo method, MachineCommandDefinition definition, IReadOnlyList<CommandSlot> slots)
    {
        _method = method;
        _slots = slots;
        _result = method.ReturnType.IsGenericType ? method.ReturnType.GetProperty(nameof(Task<object>.Result)) : null;
        Definition = definition;
    }

    public MachineCommandDefinition Definition { get; }

    public async Task<object?> Invoke(Driver driver, IMachine machine, IReadOnlyDictionary<string, object?> arguments, CancellationToken cancellationToken)
    {
        var missing = Definition.MissingParameters(arguments.Keys);
        if (missing.Count > 0)
        {
            throw new MachineCommandException(
                MachineCommandError.MissingParameters,
                Definition.Name,
                $"Mandatory parameters missing: {string.Join(", ", missing)}",
                missing);
        }

        var values = _slots.Select(slot => slot switch
        {
            CommandSlot.Machine => machine,
            CommandSlot.Cancellation => cancellationToken,
            CommandSlot.Argument argument => Bind(argument, arguments),
            _ => throw new InvalidOperationException($"Unknown command slot {slot}."),
        }).ToArray();

        var task = (Task?)_method.Invoke(driver, BindingFlags.DoNotWrapExceptions, binder: null, values, culture: null)
            ?? throw new InvalidOperationException($"Command '{Definition.Name}' returned a null task.");
        await task.ConfigureAwait(false);
        return _result?.GetValue(task);
    }

    private object? Bind(CommandSlot.Argument slot, IReadOnlyDictionary<string, object?> arguments)
    {
        var parameter = slot.Parameter;
        if (!arguments.TryGetValue(parameter.Name, out var raw))
        {
            return slot.Default;
        }

        switch (raw)
        {
            case null or JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined }:
                return parameter.AllowsNull ? null : throw Invalid(parameter, $"Parameter '{parameter.Name}' must not be null");
            case string text when parameter.Type == SettingType.String:
                return text;
            case JsonElement { ValueKind: JsonValueKind.String } element when parameter.Type == SettingType.String:
                return element.GetString();
        }

        var parsed = SettingValue.Parse(raw, parameter.Type);
        if (!parsed.IsValid)
        {
            throw Invalid(parameter, $"Parameter '{parameter.Name}': {parsed.Error}");
        }

        if (parsed.Value is null && !parameter.AllowsNull)
        {
            throw Invalid(parameter, $"Parameter '{parameter.Name}' must not be empty");
        }

        return parsed.Value;
    }

    private MachineCommandException Invalid(MachineCommandParameter parameter, string message) =>
        new(MachineCommandError.InvalidArgument, Definition.Name, message, [parameter.Name]);
}
