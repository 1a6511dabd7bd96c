using System.ComponentModel;
using System.Reflection;

namespace MachineActors.Machines;

/// <summary>Finds the <see cref="MachineCommandAttribute"/> methods of a driver type and checks their signatures.</summary>
internal static class CommandScanner
{
    private const BindingFlags DeclaredMethods =
        BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    private const string ReservedParameterName = "command";

    public static (List<CommandMethod> Methods, List<string> Problems) Scan(Type driverType)
    {
        var methods = new List<CommandMethod>();
        var problems = new List<string>();
        var nullability = new NullabilityInfoContext();
        foreach (var (method, attribute) in FindMarked(driverType))
        {
            var label = $"command '{attribute.Name}' ({method.DeclaringType?.Name}.{method.Name})";
            var methodProblems = CheckMethod(method, attribute, label).ToList();
            var slots = method.GetParameters().Select(parameter => ToSlot(parameter, label, nullability, methodProblems)).ToList();
            problems.AddRange(methodProblems);
            if (methodProblems.Count > 0)
            {
                continue;
            }

            var parameters = slots.OfType<CommandSlot.Argument>().Select(slot => slot.Parameter).ToArray();
            var definition = new MachineCommandDefinition(attribute.Name, attribute.Description ?? "", parameters);
            var existing = methods.Find(known => known.Definition.Name == attribute.Name);
            if (existing is not null)
            {
                problems.Add($"command '{attribute.Name}' is declared more than once ({label})");
                continue;
            }

            methods.Add(new CommandMethod(method, definition, slots.OfType<CommandSlot>().ToArray()));
        }

        return (methods, problems);
    }

    // Walks from the driver type up, so an override is met before the method it overrides; the attribute is
    // inherited by overrides, and the overridden versions are skipped by their base definition.
    private static IEnumerable<(MethodInfo Method, MachineCommandAttribute Attribute)> FindMarked(Type driverType)
    {
        var seen = new HashSet<MethodInfo>();
        for (var type = driverType; type is not null && type != typeof(object); type = type.BaseType)
        {
            foreach (var method in type.GetMethods(DeclaredMethods).OrderBy(method => method.MetadataToken))
            {
                if (method.GetCustomAttribute<MachineCommandAttribute>(inherit: true) is not { } attribute)
                {
                    continue;
                }

                if (!method.IsStatic && !seen.Add(method.GetBaseDefinition()))
                {
                    continue;
                }

                yield return (method, attribute);
            }
        }
    }

    private static IEnumerable<string> CheckMethod(MethodInfo method, MachineCommandAttribute attribute, string label)
    {
        if (attribute.Name is null || !Patterns.CommandName().IsMatch(attribute.Name))
        {
            yield return $"{label}: the name must match {Patterns.CommandNameText}";
        }

        if (method.IsStatic)
        {
            yield return $"{label}: must be an instance method";
        }

        if (method.IsGenericMethodDefinition)
        {
            yield return $"{label}: must not be generic";
        }

        var returnType = method.ReturnType;
        if (returnType != typeof(Task) && !(returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>)))
        {
            yield return $"{label}: must return Task or Task<T>, not {returnType.Name}";
        }
    }

    private static CommandSlot? ToSlot(ParameterInfo parameter, string label, NullabilityInfoContext nullability, List<string> problems)
    {
        var type = parameter.ParameterType;
        var name = parameter.Name ?? $"#{parameter.Position + 1}";
        if (type.IsByRef)
        {
            problems.Add($"{label}: parameter '{name}' must not be ref, out or in");
            return null;
        }

        if (type == typeof(IMachine))
        {
            return new CommandSlot.Machine();
        }

        if (type == typeof(CancellationToken))
        {
            return new CommandSlot.Cancellation();
        }

        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        SettingType? settingType = underlying == typeof(string) ? SettingType.String
            : underlying == typeof(bool) ? SettingType.Bool
            : underlying == typeof(int) ? SettingType.Int
            : underlying == typeof(double) ? SettingType.Float
            : null;
        if (settingType is null)
        {
            problems.Add($"{label}: parameter '{name}' has unsupported type {type.Name} (use string, bool, int or double, optionally nullable)");
            return null;
        }

        if (name == ReservedParameterName)
        {
            problems.Add($"{label}: parameter name '{ReservedParameterName}' is reserved for the command name");
            return null;
        }

        var allowsNull = underlying != type
            || (type == typeof(string) && nullability.Create(parameter).WriteState != NullabilityState.NotNull);
        var description = parameter.GetCustomAttribute<DescriptionAttribute>()?.Description ?? "";
        var definition = new MachineCommandParameter(name, settingType.Value, Required: !parameter.IsOptional, allowsNull, description);
        return new CommandSlot.Argument(definition, DefaultOf(parameter));
    }

    private static object? DefaultOf(ParameterInfo parameter)
    {
        if (parameter.HasDefaultValue)
        {
            return parameter.DefaultValue;
        }

        var type = parameter.ParameterType;
        return type.IsValueType && Nullable.GetUnderlyingType(type) is null ? Activator.CreateInstance(type) : null;
    }
}
