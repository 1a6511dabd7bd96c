using System.Text.Json.Serialization;
using MachineActors.Actors.Persistence.Serialization;

namespace MachineActors.Actors.Cluster.Remote;

/// <summary>
/// The allow-list of message types that may cross the wire, each under a stable manifest name. An inbound
/// message whose manifest is not listed is refused and the connection dropped: bytes from a peer never name
/// a CLR type. <see cref="Status.Failure"/> and <see cref="PoisonPill"/> are always allowed; the cause of a
/// failure crosses as its type name and message (<see cref="RemoteFailureException"/>) unless its exception type
/// is registered with <see cref="RegisterFailure{TException}"/>. Converters added with <see cref="AddConverter"/>
/// shape the JSON of every message; they are fixed once a transport has started with this list.
/// </summary>
public sealed class RemoteMessageTypes
{
    internal const string FailureManifest = "ma.status-failure";
    internal const string PoisonPillManifest = "ma.poison-pill";

    private readonly List<JsonConverter> _converters = [];
    private readonly Dictionary<Type, FailureType> _failuresByType = [];
    private readonly Dictionary<string, FailureType> _failuresByManifest = new(StringComparer.Ordinal);
    private bool _convertersInUse;

    internal EventTypeRegistry Registry { get; } = new();

    /// <summary>Allows <typeparamref name="T"/> (serialized with System.Text.Json) under <paramref name="manifest"/>.</summary>
    public RemoteMessageTypes Register<T>(string manifest)
    {
        ThrowIfReserved(manifest);
        lock (_failuresByManifest)
        {
            if (_failuresByManifest.ContainsKey(manifest))
            {
                throw new ArgumentException($"Manifest '{manifest}' is already registered for a failure type.", nameof(manifest));
            }
            Registry.Register<T>(manifest);
        }
        return this;
    }

    /// <summary>
    /// Adds a converter to the JSON options messages are written and read with (after the runtime's own converter
    /// for actor references). Add converters before the transport starts: its options are fixed then.
    /// </summary>
    public RemoteMessageTypes AddConverter(JsonConverter converter)
    {
        ArgumentNullException.ThrowIfNull(converter);
        lock (_converters)
        {
            if (_convertersInUse)
            {
                throw new InvalidOperationException("Converters are fixed once a transport has started with these message types.");
            }
            _converters.Add(converter);
        }
        return this;
    }

    /// <summary>
    /// Lets the cause of a <see cref="Status.Failure"/> of exactly type <typeparamref name="TException"/> cross the wire
    /// as itself: the sender writes <paramref name="manifest"/>, <c>toCode(exception)</c> and the exception's message; the
    /// receiver, when it registered the same manifest, calls <c>rebuild(code, message)</c>. Inner exceptions, stack traces
    /// and other state do not cross. Whenever the receiver cannot rebuild it (the manifest is not registered there, or
    /// <paramref name="rebuild"/> throws, e.g. for a code it does not know), and when <paramref name="toCode"/> throws, the
    /// cause arrives as a <see cref="RemoteFailureException"/>, as an unregistered one does.
    /// </summary>
    public RemoteMessageTypes RegisterFailure<TException>(
        string manifest, Func<TException, string> toCode, Func<string, string, TException> rebuild)
        where TException : Exception
    {
        ThrowIfReserved(manifest);
        ArgumentNullException.ThrowIfNull(toCode);
        ArgumentNullException.ThrowIfNull(rebuild);
        var failure = new FailureType(manifest, e => toCode((TException)e), (code, message) => rebuild(code, message));
        lock (_failuresByManifest)
        {
            if (Registry.TryGetType(manifest, out var messageType))
            {
                throw new ArgumentException($"Manifest '{manifest}' is already registered for {messageType.FullName}.", nameof(manifest));
            }
            if (_failuresByType.TryGetValue(typeof(TException), out var registered))
            {
                if (registered.Manifest != manifest)
                {
                    throw new ArgumentException($"{typeof(TException).FullName} is already registered as '{registered.Manifest}'.", nameof(manifest));
                }
                return this;
            }
            if (_failuresByManifest.ContainsKey(manifest))
            {
                throw new ArgumentException($"Manifest '{manifest}' is already registered for another failure type.", nameof(manifest));
            }
            _failuresByType[typeof(TException)] = failure;
            _failuresByManifest[manifest] = failure;
        }
        return this;
    }

    public bool IsAllowed(Type type) =>
        type == typeof(Status.Failure) || type == typeof(PoisonPill) || Registry.TryGetManifest(type, out _);

    /// <summary>The converters, fixed from now on: a transport's serializer is being built.</summary>
    internal IReadOnlyList<JsonConverter> TakeConverters()
    {
        lock (_converters)
        {
            _convertersInUse = true;
            return [.. _converters];
        }
    }

    internal bool TryGetFailure(Type exceptionType, out FailureType failure)
    {
        lock (_failuresByManifest)
        {
            return _failuresByType.TryGetValue(exceptionType, out failure!);
        }
    }

    internal bool TryGetFailure(string manifest, out FailureType failure)
    {
        lock (_failuresByManifest)
        {
            return _failuresByManifest.TryGetValue(manifest, out failure!);
        }
    }

    private static void ThrowIfReserved(string manifest)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(manifest);
        if (manifest.StartsWith("ma.", StringComparison.Ordinal))
        {
            throw new ArgumentException("Manifests starting with 'ma.' are reserved for the runtime.", nameof(manifest));
        }
    }

    /// <summary>A failure type registered for remoting: how its cause is turned into a code and rebuilt.</summary>
    internal sealed record FailureType(string Manifest, Func<Exception, string> ToCode, Func<string, string, Exception> Rebuild);
}
