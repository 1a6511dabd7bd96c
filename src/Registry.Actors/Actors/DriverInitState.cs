namespace MachineActors.Registry.Actors;

internal enum DriverInitState
{
    NotStarted,
    Running,
    Done,
}
