using MachineActors.Actors;
using MachineActors.Host.Api;
using MachineActors.Registry;

namespace MachineActors.Host.Machines;

/// <summary>Asks the node's registry; its refusals come back as data, and <see cref="ToResult"/> turns them into the API's error answers.</summary>
public sealed class RegistryClient(NodeRuntime runtime, NodeOptions options, ClusterRegistryRouter router)
{
    /// <summary>The registry's reply, or its refusal; a registry that does not answer in time is refused as <see cref="RegistryErrorKind.Unavailable"/>.</summary>
    public async Task<(T? Reply, RegistryOperationException? Error)> Ask<T>(IRegistryRequest request, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            if (runtime.Cluster is null)
            {
                return (await runtime.Registry.Ask<T>(request, options.RequestTimeout, cancellationToken), null);
            }
            return ((T)await router.AskAsync(request, cancellationToken), null);
        }
        catch (RegistryOperationException e)
        {
            return (null, e);
        }
        catch (AskTimeoutException)
        {
            return (null, new RegistryOperationException(
                RegistryErrorKind.Unavailable, $"The registry did not answer within {options.RequestTimeout.TotalSeconds:0} s."));
        }
    }

    public static IResult ToResult(RegistryOperationException error) => error.Kind switch
    {
        RegistryErrorKind.NotFound => ApiResults.NotFound(error.Message),
        RegistryErrorKind.InvalidArgument => ApiResults.BadRequest(error.Message),
        RegistryErrorKind.DriverFailure => ApiResults.DriverFailed(error.Message),
        _ => ApiResults.Unavailable(error.Message),
    };

    /// <summary>As <see cref="ToResult"/>, but a not-found reads as InvenTree words it for the machine <paramref name="pk"/>.</summary>
    public static IResult ToMachineResult(RegistryOperationException error, string pk) =>
        error.Kind == RegistryErrorKind.NotFound ? ApiResults.MachineNotFound(pk) : ToResult(error);
}
