using MachineActors.Drivers.Ipp;
using MachineActors.Drivers.Tests.Ipp;

using MachineActors.Machines.Printing;

namespace MachineActors.Drivers.Tests.LabelPrinter.Drivers;

/// <summary>
/// An IPP printer behind <see cref="StubHttpMessageHandler"/> whose answers a test scripts: the printer state and
/// reasons, the job states Get-Job-Attributes returns in turn (the last one repeats), and hooks that replace an answer
/// or throw. Records every decoded request.
/// </summary>
internal sealed class ScriptedIppPrinter
{
    public const int JobId = 7;

    private readonly object _lock = new();
    private readonly List<IppMessage> _requests = [];

    public ScriptedIppPrinter()
    {
        Handler = new StubHttpMessageHandler((_, body) => Respond(IppDecoder.Decode(body)));
    }

    public StubHttpMessageHandler Handler { get; }

    /// <summary>printer-state (3 idle, 4 processing, 5 stopped); null leaves it out.</summary>
    public int? PrinterState { get; set; } = 3;

    public string[] Reasons { get; set; } = ["none"];

    /// <summary>What each Get-Job-Attributes answers, in turn; the last entry repeats.</summary>
    public Queue<(IppJobState State, string[] Reasons)> JobStates { get; } = new();

    /// <summary>Runs before each answer; may change the script, return its own answer, or throw.</summary>
    public Func<IppMessage, HttpResponseMessage?>? Before { get; set; }

    public IReadOnlyList<IppMessage> Requests
    {
        get
        {
            lock (_lock)
            {
                return _requests.ToArray();
            }
        }
    }

    public static HttpResponseMessage Answer(IppMessage request, ushort status, params IppAttributeGroup[] groups)
    {
        var operation = new IppAttributeGroup(IppGroupTag.Operation,
        [
            new IppAttribute("attributes-charset", IppValue.Charset("utf-8")),
            new IppAttribute("attributes-natural-language", IppValue.NaturalLanguage("en")),
        ]);
        return StubHttpMessageHandler.Ipp(IppEncoder.Encode(new IppMessage(IppVersion.Ipp20, status, request.RequestId, [operation, .. groups])));
    }

    private HttpResponseMessage Respond(IppMessage request)
    {
        lock (_lock)
        {
            _requests.Add(request);
        }

        if (Before?.Invoke(request) is { } answer)
        {
            return answer;
        }

        return request.Operation switch
        {
            IppOperation.GetPrinterAttributes => Answer(request, 0, PrinterGroup()),
            IppOperation.PrintJob => Answer(request, 0, JobGroup(IppJobState.Pending, ["none"])),
            IppOperation.GetJobAttributes => Answer(request, 0, NextJob()),
            _ => Answer(request, (ushort)IppStatusCode.ServerErrorOperationNotSupported),
        };
    }

    private IppAttributeGroup PrinterGroup()
    {
        var attributes = new List<IppAttribute>();
        if (PrinterState is { } state)
        {
            attributes.Add(new IppAttribute("printer-state", IppValue.Enum(state)));
        }

        attributes.Add(new IppAttribute("printer-state-reasons", Reasons.Select(IppValue.Keyword).ToArray()));
        return new IppAttributeGroup(IppGroupTag.Printer, attributes.ToArray());
    }

    private IppAttributeGroup NextJob()
    {
        var (state, reasons) = JobStates.Count > 1 ? JobStates.Dequeue() : JobStates.Peek();
        return JobGroup(state, reasons);
    }

    private static IppAttributeGroup JobGroup(IppJobState state, string[] reasons) => new(IppGroupTag.Job,
    [
        new IppAttribute("job-id", IppValue.Integer(JobId)),
        new IppAttribute("job-uri", IppValue.Uri($"ipp://printer.test/ipp/print/{JobId}")),
        new IppAttribute("job-state", IppValue.Enum((int)state)),
        new IppAttribute("job-state-reasons", reasons.Select(IppValue.Keyword).ToArray()),
    ]);
}
