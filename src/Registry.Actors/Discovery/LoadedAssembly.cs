using System.Reflection;

namespace MachineActors.Registry.Discovery;

/// <summary>An assembly searched for machine types and drivers, with the classes it could load.</summary>
internal sealed record LoadedAssembly(string Name, bool IsBuiltIn, IReadOnlyList<Type> Types)
{
    /// <summary>Its types, or the ones that loaded when some did not (each failure becomes an error).</summary>
    public static LoadedAssembly Read(Assembly assembly, string name, bool isBuiltIn, List<RegistryError> errors)
    {
        Type[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            types = [.. e.Types.OfType<Type>()];
            foreach (var message in e.LoaderExceptions.OfType<Exception>().Select(x => x.Message).Distinct())
            {
                errors.Add(new RegistryError($"Some classes of '{name}' could not be loaded: {message}", name));
            }
        }
        return new LoadedAssembly(name, isBuiltIn, [.. types.OrderBy(type => type.MetadataToken)]);
    }

    /// <summary>The concrete, non-generic classes deriving from <typeparamref name="T"/>.</summary>
    public IEnumerable<Type> ConcreteSubclassesOf<T>() =>
        Types.Where(type => type.IsClass && !type.IsAbstract && !type.ContainsGenericParameters && typeof(T).IsAssignableFrom(type));
}
