using System.Collections.Concurrent;
using MachineActors.Machines;

namespace MachineActors.Registry.Tests.Fixtures;

/// <summary>
/// What the probe drivers were asked to do, by machine id. Ids are new in every test, so tests running in
/// parallel (each with its own registry and driver instances) never see each other's calls.
/// </summary>
public static class ProbeLog
{
    private static readonly ConcurrentDictionary<Guid, ConcurrentQueue<ProbeCall>> s_calls = new();
    private static readonly ConcurrentDictionary<Guid, TaskCompletionSource> s_gates = new();

    public static void Record(Guid machineId, string call, string detail = "", MachineState? oldState = null) =>
        s_calls.GetOrAdd(machineId, _ => new ConcurrentQueue<ProbeCall>()).Enqueue(new ProbeCall(call, detail, oldState));

    public static IReadOnlyList<ProbeCall> Calls(Guid machineId) => s_calls.TryGetValue(machineId, out var calls) ? [.. calls] : [];

    public static IReadOnlyList<ProbeCall> Calls(Guid machineId, string call) => [.. Calls(machineId).Where(c => c.Call == call)];

    public static int Count(Guid machineId, string call) => Calls(machineId, call).Count;

    /// <summary>A gate a driver's background work waits on until the test opens it.</summary>
    public static TaskCompletionSource Gate(Guid machineId) =>
        s_gates.GetOrAdd(machineId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
