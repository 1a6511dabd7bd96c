using MachineActors.Actors;
using MachineActors.Host.Api;
using MachineActors.Registry;

namespace MachineActors.Host.Machines;

/// <summary>Asks the node's registry and turns its refusals into the API's error answers.</summary>
public sealed class RegistryClient(NodeRuntime runtime, NodeOptions options)
{
    public async Task<(T? Reply, IResult? Error)> Ask<T>(IRegistryRequest request, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return (await runtime.Registry.Ask<T>(request, options.RequestTimeout, cancellationToken), null);
        }
        catch (RegistryOperationException e)
        {
            return (null, e.Kind switch
            {
                RegistryErrorKind.NotFound => ApiResults.NotFound(e.Message),
                RegistryErrorKind.InvalidArgument => ApiResults.BadRequest(e.Message),
                RegistryErrorKind.DriverFailure => ApiResults.DriverFailed(e.Message),
                _ => ApiResults.Unavailable(e.Message),
            });
        }
        catch (AskTimeoutException)
        {
            return (null, ApiResults.Unavailable($"The registry did not answer within {options.RequestTimeout.TotalSeconds:0} s."));
        }
    }
}
