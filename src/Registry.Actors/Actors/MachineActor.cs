using MachineActors.Actors;
using MachineActors.Machines;

namespace MachineActors.Registry.Actors;

/// <summary>
/// One machine: runs every driver call for it, one at a time, each with a timeout, and reports the outcome to the
/// registry (its parent). When driver code throws or times out, the actor fails with a
/// <see cref="MachineFailureException"/> carrying its state, and the registry decides what happens next.
/// </summary>
internal sealed class MachineActor : ReceiveActor
{
    private readonly MachineSetup _setup;
    private readonly MachineHandle _machine;
    private readonly IActorRef _registry;
    private readonly TimeProvider _time;

    public MachineActor(MachineSetup setup)
    {
        _setup = setup;
        _registry = Context.Parent;
        _time = Context.System.TimeProvider;
        var self = Self;
        _machine = new MachineHandle(setup.Record, setup.Type, setup.Driver, () => self.Tell(StateTouched.Instance, self));

        ReceiveAsync<InitializeMachine>(request => Handle(request.RequestId, () => Initialize(request.DriverError)));
        ReceiveAsync<ApplyConfig>(request => Handle(request.RequestId, () => Apply(request)));
        ReceiveAsync<ResetAndRestart>(request => Handle(request.RequestId, Restart));
        ReceiveAsync<CallFunction>(request => Handle(request.RequestId, () => Execute(request)));
        Receive<SyncConfig>(sync => _machine.ReplaceConfig(sync.Config));
        Receive<StateTouched>(_ =>
        {
            var (state, settings) = _machine.EndCall();
            _registry.Tell(new MachineStateChanged(_machine.Id, _setup.Incarnation, state, settings), Self);
        });
    }

    private Driver? Driver => _setup.Driver?.Instance;

    private async Task Handle(long requestId, Func<Task<object?>> work)
    {
        _machine.BeginCall();
        object? result = null;
        RegistryOperationException? rejection = null;
        try
        {
            result = await work().ConfigureAwait(false);
        }
        catch (MachineCommandException e)
        {
            rejection = new RegistryOperationException(RegistryErrorKind.InvalidArgument, e.Message, e);
        }
        catch (DriverCallException e)
        {
            var (failedState, failedSettings) = _machine.EndCall();
            var context = new MachineFailureContext(_setup.Incarnation, requestId, failedState, failedSettings);
            throw new MachineFailureException(_machine.Id, e.Call, e.Message, e.InnerException, context);
        }
        var (state, settings) = _machine.EndCall();
        _registry.Tell(new MachineCallCompleted(requestId, _machine.Id, _setup.Incarnation, state, settings, result, rejection), Self);
    }

    private async Task<object?> Initialize(string? driverError)
    {
        var state = _machine.State;
        if (!_machine.Active || state.Initialized || Driver is not { } driver)
        {
            return null;
        }
        if (driverError is not null)
        {
            _machine.Update(s => s.WithError(driverError));
            return null;
        }
        if (MissingSettings() is { } missing)
        {
            _machine.Update(s => s.WithError(missing));
            return null;
        }
        await Call(nameof(Driver.InitMachine), token => driver.InitMachine(_machine, token)).ConfigureAwait(false);
        _machine.Update(s => s with { Initialized = true });
        return null;
    }

    private async Task<object?> Apply(ApplyConfig request)
    {
        _machine.ReplaceConfig(request.Config);
        if (Driver is not { } driver)
        {
            return null;
        }
        await Call(nameof(Driver.UpdateMachine), token => driver.UpdateMachine(request.OldState, _machine, token)).ConfigureAwait(false);
        if (request.OldState.Active != request.Config.Active)
        {
            if (request.Config.Active)
            {
                await Initialize(request.DriverError).ConfigureAwait(false);
            }
            else
            {
                _machine.Update(s => s with { Initialized = false });
            }
        }
        return null;
    }

    private async Task<object?> Restart()
    {
        _machine.Update(s => s with { RestartRequired = false, Errors = [], Status = _setup.Type.DefaultStatus, StatusText = "" });
        if (Driver is { } driver)
        {
            await Call(nameof(Driver.RestartMachine), token => driver.RestartMachine(_machine, token)).ConfigureAwait(false);
        }
        return null;
    }

    private Task<object?> Execute(CallFunction request)
    {
        if (Driver is not { } driver)
        {
            throw new MachineCommandException(MachineCommandError.UnknownCommand, request.Function, $"Machine '{_machine.Name}' has no usable driver");
        }
        return DriverCall.Run(
            request.Function,
            token => driver.ExecuteCommand(_machine, request.Function, request.Arguments, token),
            _setup.DriverCallTimeout,
            _time);
    }

    private Task Call(string name, Func<CancellationToken, Task> call) => DriverCall.Run(name, call, _setup.DriverCallTimeout, _time);

    // InvenTree's wording: "Missing MACHINE settings: A, B and DRIVER settings: C"; a kind with nothing missing is left out.
    private string? MissingSettings()
    {
        var config = _machine.Config;
        var machine = _setup.Type.Settings.MissingKeys(config.MachineSettings);
        var driver = _setup.Driver?.Settings.MissingKeys(config.DriverSettings) ?? [];
        var parts = new List<string>(2);
        if (machine.Count > 0)
        {
            parts.Add("MACHINE settings: " + string.Join(", ", machine));
        }
        if (driver.Count > 0)
        {
            parts.Add("DRIVER settings: " + string.Join(", ", driver));
        }
        return parts.Count == 0 ? null : "Missing " + string.Join(" and ", parts);
    }
}
