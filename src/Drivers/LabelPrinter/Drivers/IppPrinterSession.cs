using MachineActors.Drivers.Ipp;
using MachineActors.Machines;

namespace MachineActors.Drivers.LabelPrinter.Drivers;

/// <summary>
/// The state the IPP driver keeps for one machine: its client, its settings and its status poll. A session stops when
/// the machine stops (<see cref="IMachine.Stopping"/>) or when the driver replaces it on re-initialisation; a stopped
/// session never writes a status again, so a late poll cannot overwrite what a newer session showed.
/// </summary>
internal sealed class IppPrinterSession : IDisposable
{
    private readonly object _statusLock = new();
    private readonly CancellationTokenSource _stop;
    private CancellationTokenRegistration _onMachineStopping;
    private Task _polling = Task.CompletedTask;

    public IppPrinterSession(IMachine machine, IppClient client, IppPrinterSettings settings)
    {
        Machine = machine;
        Client = client;
        Settings = settings;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(machine.Stopping);
        Stopping = _stop.Token;
    }

    public IMachine Machine { get; }

    public IppClient Client { get; }

    public IppPrinterSettings Settings { get; }

    /// <summary>Cancelled when the session stops.</summary>
    public CancellationToken Stopping { get; }

    /// <summary>Runs <paramref name="onStopped"/> once the machine stops.</summary>
    public void OnMachineStopping(Action onStopped) => _onMachineStopping = Machine.Stopping.Register(onStopped);

    /// <summary>Starts the status poll on the thread pool.</summary>
    public void StartPolling(Func<IppPrinterSession, Task> poll) => _polling = Task.Run(() => poll(this));

    /// <summary>Sets status and text together, unless the session has stopped.</summary>
    public void Show(MachineStatus status, string text)
    {
        lock (_statusLock)
        {
            if (!Stopping.IsCancellationRequested)
            {
                Machine.SetStatus(status, text);
            }
        }
    }

    public void Dispose()
    {
        lock (_statusLock)
        {
            _stop.Cancel();
        }

        _onMachineStopping.Dispose();
        _polling.ContinueWith(_ => _stop.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}
