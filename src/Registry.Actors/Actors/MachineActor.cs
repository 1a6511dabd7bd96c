using MachineActors.Actors;
using MachineActors.Machines;

namespace MachineActors.Registry.Actors;

/// <summary>
/// One machine: runs every driver call for it, one at a time, each with a timeout, and reports the outcome to the
/// registry (its parent). When driver code throws or times out, the actor fails with a
/// <see cref="MachineFailureException"/> carrying its state, and the registry decides what happens next. When it
/// stops, for whatever reason, it says so to the registry, behind everything else it sent.
/// </summary>
/// <remarks>
/// A plain <see cref="ActorBase"/> with one switch rather than a <see cref="ReceiveActor"/>, and itself the
/// <see cref="IMachine"/> its driver gets (MachineActor.Machine.cs) rather than a separate handle: there is one of
/// these per machine, a receive actor allocates its handler chain per instance, and a handle would be two more
/// objects (itself and its lock).
/// </remarks>
internal sealed partial class MachineActor : ActorBase
{
    private readonly MachineSetup _setup;
    // The driver once its InitDriver has succeeded (null without a usable driver), and why it is not usable.
    private Driver? _driver;
    private string? _driverFailure;

    public MachineActor(MachineSetup setup)
    {
        _setup = setup;
        _config = setup.Config;
        _state = setup.State;
    }

    private IActorRef Registry => Context.Parent;

    private TimeProvider Time => Context.System.TimeProvider;

    protected override bool Receive(object message)
    {
        switch (message)
        {
            case MachineRequest request:
                // Handle names every sender, so it needs no ambient actor; most requests complete synchronously.
                SuspendUntilCompleted(Handle(request.RequestId, request));
                return true;
            case SyncConfig sync:
                ReplaceConfig(sync.Config);
                return true;
            case PrintOnMachine print:
                RunTask(() => Print(print));
                return true;
            case StateTouched:
                var (state, settings) = EndCall();
                Registry.Tell(new MachineStateChanged(Id, _setup.Incarnation, state, settings), Self);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Initialises the machine at once when the registry asked for it with the setup (no message needed).</summary>
    protected override void PreStart()
    {
        if (_setup.InitRequestId != 0)
        {
            var initialization = Handle(_setup.InitRequestId, null);
            // Failing at once would fail the start and hide the cause; the actor must fail as a failed request does.
            SuspendUntilCompleted(initialization.IsCompleted && !initialization.IsCompletedSuccessfully ? Later(initialization) : initialization);
        }
    }

    protected override void PostStop()
    {
        CancelBackgroundWork();
        Registry.Tell(new MachineActorStopped(Id, _setup.Incarnation), Self);
    }

    /// <summary>Waits for the driver's InitDriver once; afterwards <see cref="_driver"/> or <see cref="_driverFailure"/> is set.</summary>
    private async Task AwaitDriver()
    {
        if (_setup.Driver is { } registered && _driver is null && _driverFailure is null)
        {
            var error = await _setup.DriverInitialized.ConfigureAwait(false);
            _driver = error is null ? registered.Instance : null;
            _driverFailure = error is null ? null : $"Driver '{registered.Slug}' failed to initialise: {error}";
        }
    }

    private static async Task Later(Task failed)
    {
        await Task.Yield();
        await failed.ConfigureAwait(false);
    }

    /// <summary>Runs a request (<paramref name="request"/>, or initialisation when null) and reports it as <paramref name="requestId"/>.</summary>
    private async Task Handle(long requestId, MachineRequest? request)
    {
        await AwaitDriver().ConfigureAwait(false);
        BeginCall();
        object? result = null;
        RegistryOperationException? rejection = null;
        try
        {
            result = await (request switch
            {
                null => Initialize(),
                ApplyConfig apply => Apply(apply),
                ResetAndRestart => Restart(),
                CallFunction call => Execute(call),
                _ => throw new ArgumentException($"Unknown machine request {request}.", nameof(request)),
            }).ConfigureAwait(false);
        }
        catch (MachineCommandException e)
        {
            rejection = new RegistryOperationException(RegistryErrorKind.InvalidArgument, e.Message, e);
        }
        catch (DriverCallException e)
        {
            var (failedState, failedSettings) = EndCall();
            var context = new MachineFailureContext(_setup.Incarnation, requestId, failedState, failedSettings);
            throw new MachineFailureException(Id, e.Call, e.Message, e.InnerException, context);
        }
        var (state, settings) = EndCall();
        Registry.Tell(new MachineCallCompleted(requestId, _setup.Entry, _setup.Incarnation, state, settings, result, rejection), Self);
    }

    private async Task<object?> Initialize()
    {
        if (!Active || Initialized)
        {
            return null;
        }
        if (_driverFailure is { } driverFailure)
        {
            RecordError(driverFailure);
            return null;
        }
        if (_driver is null)
        {
            return null;
        }
        if (MissingSettings() is { } missing)
        {
            RecordError(missing);
            return null;
        }
        await Call(nameof(Machines.Driver.InitMachine), static (self, token) => self._driver!.InitMachine(self, token)).ConfigureAwait(false);
        MarkInitialized();
        return null;
    }

    // Not inline in Initialize: a lambda there would capture locals whose closure every call allocates.
    private void RecordError(string error) => Update(s => s.WithError(error));

    private async Task<object?> Apply(ApplyConfig request)
    {
        ReplaceConfig(request.Config);
        if (_driver is { } driver)
        {
            await Call(nameof(Machines.Driver.UpdateMachine), token => driver.UpdateMachine(request.OldState, this, token)).ConfigureAwait(false);
        }
        if (request.OldState.Active != request.Config.Active)
        {
            if (request.Config.Active)
            {
                await Initialize().ConfigureAwait(false);
            }
            else
            {
                CancelBackgroundWork();
                Update(s => s with { Initialized = false });
            }
        }
        else if (request.Config.Active && !Initialized)
        {
            // A change may complete what kept the machine from initialising (e.g. a required setting): try again.
            await Initialize().ConfigureAwait(false);
        }
        return null;
    }

    private async Task<object?> Restart()
    {
        Update(s => s with { RestartRequired = false, Errors = [], Status = _setup.Type.DefaultStatus, StatusText = "" });
        if (!Initialized)
        {
            // Restarting a machine that never initialised means trying to initialise it now.
            return await Initialize().ConfigureAwait(false);
        }
        if (_driver is not null)
        {
            await Call(nameof(Machines.Driver.RestartMachine), static (self, token) => self._driver!.RestartMachine(self, token)).ConfigureAwait(false);
        }
        return null;
    }

    private Task<object?> Execute(CallFunction request)
    {
        if (_driver is not { } driver)
        {
            throw new MachineCommandException(
                MachineCommandError.UnknownCommand, request.Function, _driverFailure ?? $"Machine '{Name}' has no usable driver");
        }
        var startedAt = EnterCall(request.Function, _setup.DriverCallTimeout);
        try
        {
            return DriverCall.Run(
                request.Function,
                token => driver.ExecuteCommand(this, request.Function, request.Arguments, token),
                _setup.DriverCallTimeout,
                Time,
                startedAt,
                _setup.Fence);
        }
        finally
        {
            _setup.CallWatch.Exit();
        }
    }

    private Task Call(string name, Func<CancellationToken, Task> call)
    {
        var startedAt = EnterCall(name, _setup.DriverCallTimeout);
        try
        {
            return DriverCall.Run(name, call, _setup.DriverCallTimeout, Time, startedAt, _setup.Fence);
        }
        finally
        {
            _setup.CallWatch.Exit();
        }
    }

    // A static lambda given this actor, rather than a closure: one call per machine at start-up.
    private Task Call(string name, Func<MachineActor, CancellationToken, Task> call)
    {
        var startedAt = EnterCall(name, _setup.DriverCallTimeout);
        try
        {
            return DriverCall.Run(name, call, this, _setup.DriverCallTimeout, Time, startedAt, _setup.Fence);
        }
        finally
        {
            _setup.CallWatch.Exit();
        }
    }

    /// <summary>
    /// Marks a driver call as running on this thread until it returns its task (the caller calls Exit): a driver that
    /// blocks the thread instead of returning is found by the registry, which cannot cancel it but can start over.
    /// Returns when, which the call's timeout counts from too (one clock reading: there are several calls per machine
    /// at start-up).
    /// </summary>
    private long EnterCall(string call, TimeSpan timeout)
    {
        var startedAt = Time.GetTimestamp();
        _setup.CallWatch.Enter(call, timeout, startedAt);
        return startedAt;
    }

    // InvenTree's wording: "Missing MACHINE settings: A, B and DRIVER settings: C"; a kind with nothing missing is left out.
    private string? MissingSettings()
    {
        var config = Config;
        var machine = _setup.Type.Settings.MissingKeys(config.MachineSettings);
        var driver = _setup.Driver?.Settings.MissingKeys(config.DriverSettings) ?? [];
        if (machine.Count == 0 && driver.Count == 0)
        {
            return null;
        }
        var parts = new List<string>(2);
        if (machine.Count > 0)
        {
            parts.Add("MACHINE settings: " + string.Join(", ", machine));
        }
        if (driver.Count > 0)
        {
            parts.Add("DRIVER settings: " + string.Join(", ", driver));
        }
        return "Missing " + string.Join(" and ", parts);
    }
}
