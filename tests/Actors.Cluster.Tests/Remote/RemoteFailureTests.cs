using System.Text.Json;
using System.Text.Json.Serialization;
using MachineActors.Actors.Cluster.Remote;
using Xunit;

namespace MachineActors.Actors.Cluster.Tests.Remote;

/// <summary>
/// Failure types registered for remoting keep their type and code across the wire; everything else becomes a
/// <see cref="RemoteFailureException"/>. Converters added to the message types shape the JSON on both nodes.
/// </summary>
public sealed class RemoteFailureTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_registered_failure_arrives_as_its_own_type_with_its_code_and_message()
    {
        await using var nodes = await RemoteNodes.StartAsync(typesA: Types(), typesB: Types());
        var failing = nodes.FromA(nodes.B.System.ActorOf(Props.Create<FailingActor>(), "failing"));

        var failure = await Assert.ThrowsAsync<CodedException>(() => failing.Ask<object>(new FailWith("not-found", "Machine 7 not found"), s_timeout));

        Assert.Equal(("not-found", "Machine 7 not found"), (failure.Code, failure.Message));
    }

    [Fact]
    public async Task An_unregistered_failure_arrives_as_a_RemoteFailureException()
    {
        await using var nodes = await RemoteNodes.StartAsync(typesA: Types(), typesB: Types());
        var echo = nodes.FromA(nodes.B.System.ActorOf(Props.Create<EchoActor>(), "echo"));

        var failure = await Assert.ThrowsAsync<RemoteFailureException>(() => echo.Ask<object>(new FailPlease("no"), s_timeout));

        Assert.Equal((typeof(InvalidOperationException).FullName, "no"), (failure.OriginalType, failure.Message));
    }

    [Fact]
    public async Task A_failure_the_receiver_did_not_register_arrives_as_a_RemoteFailureException()
    {
        var withoutFailure = RemoteTestMessages.Types().Register<FailWith>("test.fail-with");
        await using var nodes = await RemoteNodes.StartAsync(typesA: withoutFailure, typesB: Types());
        var failing = nodes.FromA(nodes.B.System.ActorOf(Props.Create<FailingActor>(), "failing"));

        var failure = await Assert.ThrowsAsync<RemoteFailureException>(() => failing.Ask<object>(new FailWith("not-found", "gone"), s_timeout));

        Assert.Equal((typeof(CodedException).FullName, "gone"), (failure.OriginalType, failure.Message));
    }

    [Fact]
    public async Task A_code_the_receiver_cannot_rebuild_arrives_as_a_RemoteFailureException()
    {
        await using var nodes = await RemoteNodes.StartAsync(typesA: Types(), typesB: Types());
        var failing = nodes.FromA(nodes.B.System.ActorOf(Props.Create<FailingActor>(), "failing"));

        var failure = await Assert.ThrowsAsync<RemoteFailureException>(() => failing.Ask<object>(new FailWith(FutureCode, "new kind"), s_timeout));

        Assert.Equal((typeof(CodedException).FullName, "new kind"), (failure.OriginalType, failure.Message));
        Assert.Equal(new Pong(3), await nodes.FromA(nodes.B.System.ActorOf(Props.Create<EchoActor>(), "echo")).Ask<Pong>(new Ping(3), s_timeout));
    }

    [Fact]
    public async Task A_cause_whose_code_cannot_be_written_still_fails_the_ask()
    {
        await using var nodes = await RemoteNodes.StartAsync(typesA: Types(), typesB: Types());
        var failing = nodes.FromA(nodes.B.System.ActorOf(Props.Create<FailingActor>(), "failing"));

        var failure = await Assert.ThrowsAsync<RemoteFailureException>(() => failing.Ask<object>(new FailWith(UnwritableCode, "odd"), s_timeout));

        Assert.Equal("odd", failure.Message);
    }

    [Fact]
    public void A_failure_type_registered_under_two_manifests_is_refused()
    {
        var types = Types();

        types.RegisterFailure<CodedException>("test.coded", e => e.Code, (code, message) => new CodedException(code, message));
        Assert.Throws<ArgumentException>(() =>
            types.RegisterFailure<CodedException>("test.coded-again", e => e.Code, (code, message) => new CodedException(code, message)));
    }

    [Fact]
    public void A_manifest_names_one_message_or_one_failure_type()
    {
        Assert.Throws<ArgumentException>(() => Types().RegisterFailure<TimeoutException>("test.coded", e => "", (_, m) => new TimeoutException(m)));
        Assert.Throws<ArgumentException>(() => Types().RegisterFailure<TimeoutException>("test.ping", e => "", (_, m) => new TimeoutException(m)));
        Assert.Throws<ArgumentException>(() => Types().Register<NotRegistered>("test.coded"));
        Assert.Throws<ArgumentException>(() => Types().RegisterFailure<TimeoutException>("ma.timeout", e => "", (_, m) => new TimeoutException(m)));
    }

    [Fact]
    public async Task Converters_added_to_the_message_types_shape_messages_on_both_nodes()
    {
        await using var nodes = await RemoteNodes.StartAsync(typesA: Types(), typesB: Types());
        var mirror = nodes.FromA(nodes.B.System.ActorOf(Props.Create<MirrorActor>(), "mirror"));

        var reading = await mirror.Ask<Reading>(new Reading(Celsius.Of(21.5)), s_timeout);

        Assert.Equal(21.5, reading.Temperature.Degrees);
    }

    [Fact]
    public async Task Converters_are_fixed_once_a_transport_has_started()
    {
        var types = Types();
        var node = await RemoteNodes.StartNodeAsync(types: types);
        try
        {
            Assert.Throws<InvalidOperationException>(() => types.AddConverter(new CelsiusConverter()));
        }
        finally
        {
            await node.System.Terminate();
        }
    }

    private const string FutureCode = "from-a-newer-peer";
    private const string UnwritableCode = "unwritable";

    private static RemoteMessageTypes Types() => RemoteTestMessages.Types()
        .Register<FailWith>("test.fail-with")
        .Register<Reading>("test.reading")
        .AddConverter(new CelsiusConverter())
        .RegisterFailure<CodedException>(
            "test.coded",
            e => e.Code == UnwritableCode ? throw new InvalidOperationException("cannot code this") : e.Code,
            (code, message) => code == FutureCode ? throw new FormatException($"unknown code '{code}'") : new CodedException(code, message));

    private sealed record FailWith(string Code, string Message);

    private sealed class CodedException(string code, string message) : Exception(message)
    {
        public string Code { get; } = code;
    }

    private sealed class FailingActor : ReceiveActor
    {
        public FailingActor() =>
            Receive<FailWith>(request => Sender.Tell(new Status.Failure(new CodedException(request.Code, request.Message)), Self));
    }

    private sealed class MirrorActor : ReceiveActor
    {
        public MirrorActor() => Receive<Reading>(reading => Sender.Tell(reading, Self));
    }

    private sealed record Reading(Celsius Temperature);

    /// <summary>A value System.Text.Json cannot create by itself: no public constructor.</summary>
    private sealed class Celsius
    {
        private Celsius(double degrees) => Degrees = degrees;

        public double Degrees { get; }

        public static Celsius Of(double degrees) => new(degrees);
    }

    /// <summary>Writes a temperature as <c>"21.5C"</c>.</summary>
    private sealed class CelsiusConverter : JsonConverter<Celsius>
    {
        public override Celsius Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.GetString() is { } text && text.EndsWith('C')
                ? Celsius.Of(double.Parse(text[..^1], System.Globalization.CultureInfo.InvariantCulture))
                : throw new JsonException("A temperature is a string like \"21.5C\".");

        public override void Write(Utf8JsonWriter writer, Celsius value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.Degrees.ToString(System.Globalization.CultureInfo.InvariantCulture) + "C");
    }
}
