using System.Reflection;
using MachineActors.Machines;

namespace MachineActors.Registry.Discovery;

/// <summary>
/// Stages 1 and 2: instantiates every concrete <see cref="MachineType"/> and <see cref="Driver"/> subclass, validates
/// it with the SDK validators and registers it by slug. A class that cannot be created or is invalid, and a
/// duplicate slug (the first one found wins), is a registry error, never an exception.
/// </summary>
internal static class TypeDiscovery
{
    public static Dictionary<string, RegisteredMachineType> MachineTypes(IReadOnlyList<LoadedAssembly> assemblies, List<RegistryError> errors)
    {
        var found = new Dictionary<string, RegisteredMachineType>(StringComparer.Ordinal);
        foreach (var assembly in assemblies)
        {
            foreach (var type in assembly.ConcreteSubclassesOf<MachineType>())
            {
                if (Create<MachineType>(type, assembly.Name, errors) is not { } instance
                    || !IsValid(MachineTypeValidator.Validate(instance), assembly.Name, errors))
                {
                    continue;
                }
                var registered = new RegisteredMachineType(instance, assembly.Name, assembly.IsBuiltIn);
                if (!found.TryAdd(registered.Slug, registered))
                {
                    errors.Add(new RegistryError($"Cannot re-register machine type '{registered.Slug}'", assembly.Name));
                }
            }
        }
        return found;
    }

    public static Dictionary<string, RegisteredDriver> Drivers(
        IReadOnlyList<LoadedAssembly> assemblies,
        IEnumerable<RegisteredMachineType> machineTypes,
        List<RegistryError> errors)
    {
        var baseDrivers = machineTypes.Select(type => type.Instance.BaseDriver).ToHashSet();
        var found = new Dictionary<string, RegisteredDriver>(StringComparer.Ordinal);
        foreach (var assembly in assemblies)
        {
            foreach (var type in assembly.ConcreteSubclassesOf<Driver>().Where(type => !baseDrivers.Contains(type)))
            {
                if (Create<Driver>(type, assembly.Name, errors) is not { } instance
                    || !IsValid(DriverValidator.Validate(instance), assembly.Name, errors))
                {
                    continue;
                }
                var registered = new RegisteredDriver(instance, assembly.Name, assembly.IsBuiltIn);
                if (!found.TryAdd(registered.Slug, registered))
                {
                    errors.Add(new RegistryError($"Cannot re-register driver '{registered.Slug}'", assembly.Name));
                }
            }
        }
        return found;
    }

    private static bool IsValid(IReadOnlyList<string> problems, string source, List<RegistryError> errors)
    {
        foreach (var problem in problems)
        {
            errors.Add(new RegistryError(problem, source));
        }
        return problems.Count == 0;
    }

    private static T? Create<T>(Type type, string source, List<RegistryError> errors)
        where T : class
    {
        try
        {
            return (T)Activator.CreateInstance(type, nonPublic: true)!;
        }
        catch (MissingMethodException)
        {
            errors.Add(new RegistryError($"'{type.Name}' has no parameterless constructor", source));
        }
        catch (TargetInvocationException e) when (e.InnerException is { } inner)
        {
            errors.Add(new RegistryError($"'{type.Name}' could not be created: {inner.Message}", source));
        }
        catch (Exception e)
        {
            errors.Add(new RegistryError($"'{type.Name}' could not be created: {e.Message}", source));
        }
        return null;
    }
}
