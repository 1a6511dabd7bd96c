using MachineActors.Actors;

namespace MachineActors.Registry.Actors;

/// <summary>
/// One driver: runs its InitDriver once, with a timeout, and publishes the outcome at once through
/// <paramref name="initialized"/>, which its machine actors await before any driver call, as well as to the
/// registry. Machine-level calls run in the machine actors, so a slow machine never holds up the driver.
/// </summary>
/// <param name="driver">The driver.</param>
/// <param name="generation">The registry generation it belongs to.</param>
/// <param name="timeout">How long InitDriver may take.</param>
/// <param name="initialized">Completed with InitDriver's error, or null.</param>
internal sealed class DriverActor : ReceiveActor
{
    private readonly Discovery.RegisteredDriver _driver;
    private readonly int _generation;
    private readonly TimeSpan _timeout;
    private DriverInitialized? _outcome;

    public DriverActor(Discovery.RegisteredDriver driver, int generation, TimeSpan timeout, TaskCompletionSource<string?> initialized)
    {
        _driver = driver;
        _generation = generation;
        _timeout = timeout;
        ReceiveAsync<InitDriver>(async _ =>
        {
            _outcome ??= await Initialize().ConfigureAwait(false);
            initialized.TrySetResult(_outcome.Error);
            Sender.Tell(_outcome, Self);
        });
    }

    private async Task<DriverInitialized> Initialize()
    {
        try
        {
            // Drivers take their delays and polls from the system's clock (tests move it by hand).
            var time = Context.System.TimeProvider;
            _driver.Instance.TimeProvider = time;
            await DriverCall.Run(nameof(Machines.Driver.InitDriver), _driver.Instance.InitDriver, _timeout, time, time.GetTimestamp()).ConfigureAwait(false);
            return new DriverInitialized(_driver.Slug, _generation, null);
        }
        catch (DriverCallException e)
        {
            return new DriverInitialized(_driver.Slug, _generation, e.Message);
        }
    }
}
