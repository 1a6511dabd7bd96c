namespace MachineActors.Registry.Printing;

/// <summary>A job's life: queued → printing → completed | failed | interrupted. Only the last three are final.</summary>
public enum PrintJobState
{
    Queued,
    Printing,
    Completed,
    Failed,

    /// <summary>The job may or may not have reached the printer (the node stopped, or the answer got lost); it is never repeated.</summary>
    Interrupted,
}
