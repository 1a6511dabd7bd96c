using MachineActors.Actors.Persistence.Serialization;

namespace MachineActors.Registry.Printing;

/// <summary>The print queues' persisted types and their manifests.</summary>
public static class PrintQueueEventTypes
{
    public static EventTypeRegistry Register(EventTypeRegistry registry) => registry
        .Register<PrintQueueOpened>("print-queue-opened.v1")
        .Register<PrintJobAcceptedEvent>("print-job-accepted.v1")
        .Register<PrintJobStartedEvent>("print-job-started.v1")
        .Register<PrintJobLabelPrintedEvent>("print-job-label-printed.v1")
        .Register<PrintJobFinishedEvent>("print-job-finished.v1")
        .Register<PrintQueueSnapshot>("print-queue-snapshot.v1");
}
