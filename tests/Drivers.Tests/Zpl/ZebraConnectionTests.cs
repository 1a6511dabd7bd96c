using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MachineActors.Drivers.Zpl;

namespace MachineActors.Drivers.Tests.Zpl;

public sealed class ZebraConnectionTests
{
    [Fact]
    public async Task Send_delivers_the_exact_bytes_and_closes_the_connection()
    {
        await using var zebra = new FakeZebra();
        var label = ZplLabel.FromTextToBytes("Shelf A-12\n\u00c4rger ^ ~ _");

        await zebra.Connect().SendAsync(label);

        Assert.Equal(label, await zebra.NextConnectionAsync());
        Assert.Equal(1, zebra.ConnectionCount);
    }

    [Fact]
    public async Task Query_status_sends_HQES_and_HS_and_reports_a_ready_printer()
    {
        await using var zebra = new FakeZebra();

        var status = await zebra.Connect().QueryStatusAsync();

        Assert.True(status.IsReady);
        Assert.Equal("Ready", status.Text);
        Assert.Equal("~HQES~HS", Encoding.ASCII.GetString(await zebra.NextConnectionAsync()));
    }

    [Fact]
    public async Task Query_status_combines_the_flags_of_both_answers()
    {
        await using var zebra = new FakeZebra
        {
            Errors = ZebraErrorFlags.MediaOut | ZebraErrorFlags.HeadOpen | ZebraErrorFlags.CutterFault,
            Warnings = ZebraWarningFlags.CleanPrinthead,
            Paused = true,
        };

        var status = await zebra.Connect().QueryStatusAsync();

        Assert.True(status.MediaOut);
        Assert.True(status.HeadOpen);
        Assert.False(status.RibbonOut);
        Assert.True(status.Paused);
        Assert.Equal(ZebraErrorFlags.CutterFault, status.OtherErrors);
        Assert.Equal(ZebraWarningFlags.CleanPrinthead, status.Warnings);
        Assert.False(status.IsReady);
        Assert.Equal("Media out, head open, cutter fault; paused; warnings: clean printhead", status.Text);
    }

    [Fact]
    public async Task Query_error_status_sends_only_HQES()
    {
        await using var zebra = new FakeZebra { Errors = ZebraErrorFlags.RibbonOut, Paused = true };

        var status = await zebra.Connect().QueryErrorStatusAsync();

        Assert.True(status.RibbonOut);
        Assert.False(status.Paused);
        Assert.Equal("~HQES", Encoding.ASCII.GetString(await zebra.NextConnectionAsync()));
    }

    [Fact]
    public async Task Query_host_status_sends_only_HS()
    {
        await using var zebra = new FakeZebra { Errors = ZebraErrorFlags.MediaOut | ZebraErrorFlags.CutterFault, Paused = true };

        var status = await zebra.Connect().QueryHostStatusAsync();

        Assert.True(status.MediaOut);
        Assert.True(status.Paused);
        Assert.Equal(ZebraErrorFlags.None, status.OtherErrors);
        Assert.Equal("~HS", Encoding.ASCII.GetString(await zebra.NextConnectionAsync()));
    }

    [Fact]
    public async Task An_answer_arriving_byte_by_byte_is_read_to_its_end()
    {
        await using var zebra = new FakeZebra { Mode = FakeZebra.Behavior.Trickle, Errors = ZebraErrorFlags.HeadOpen };

        var status = await zebra.Connect().QueryStatusAsync();

        Assert.True(status.HeadOpen);
    }

    [Fact]
    public async Task A_silent_printer_is_a_timeout_not_a_connection_error()
    {
        await using var zebra = new FakeZebra { Mode = FakeZebra.Behavior.Silent };
        var stopwatch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<ZebraTimeoutException>(() => zebra.Connect(TimeSpan.FromSeconds(1)).QueryStatusAsync());

        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromMilliseconds(950), TimeSpan.FromSeconds(5));
        Assert.Contains("did not complete '~HQES~HS' within 1 s", error.Message);
        Assert.Contains("stays silent while it is faulted", error.Message);
    }

    [Fact]
    public async Task A_printer_that_falls_silent_when_faulted_times_out_and_answers_again_once_cleared()
    {
        await using var zebra = new FakeZebra { SilentWhenFaulted = true, Errors = ZebraErrorFlags.MediaOut };
        var connection = zebra.Connect(TimeSpan.FromSeconds(1));

        await Assert.ThrowsAsync<ZebraTimeoutException>(() => connection.QueryStatusAsync());

        zebra.Errors = ZebraErrorFlags.None;
        Assert.True((await connection.QueryStatusAsync()).IsReady);
    }

    [Fact]
    public async Task Half_an_answer_then_silence_is_a_timeout()
    {
        await using var zebra = new FakeZebra { Mode = FakeZebra.Behavior.PartialThenSilent };

        await Assert.ThrowsAsync<ZebraTimeoutException>(() => zebra.Connect(TimeSpan.FromSeconds(1)).QueryErrorStatusAsync());
    }

    [Fact]
    public async Task Half_an_answer_then_close_is_a_connection_error()
    {
        await using var zebra = new FakeZebra { Mode = FakeZebra.Behavior.PartialThenClose };

        var error = await Assert.ThrowsAsync<ZebraConnectionException>(() => zebra.Connect().QueryErrorStatusAsync());

        Assert.Contains("closed the connection after", error.Message);
        Assert.Contains("(0 of 1 frames)", error.Message);
    }

    [Fact]
    public async Task A_connection_closed_on_accept_is_a_connection_error()
    {
        await using var zebra = new FakeZebra { Mode = FakeZebra.Behavior.CloseOnConnect };

        await Assert.ThrowsAsync<ZebraConnectionException>(() => zebra.Connect().QueryStatusAsync());
    }

    [Fact]
    public async Task A_refused_connection_is_a_connection_error()
    {
        await using var zebra = new FakeZebra();
        zebra.StopListening();
        var stopwatch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<ZebraConnectionException>(() => zebra.Connect().QueryStatusAsync());

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(2), $"took {stopwatch.Elapsed}");
        var socketError = Assert.IsType<SocketException>(error.InnerException);
        Assert.Equal(SocketError.ConnectionRefused, socketError.SocketErrorCode);
        Assert.Contains($"127.0.0.1:{zebra.Port}", error.Message);
    }

    [Fact]
    public async Task Sending_to_a_refused_port_is_a_connection_error()
    {
        await using var zebra = new FakeZebra();
        zebra.StopListening();

        await Assert.ThrowsAsync<ZebraConnectionException>(() => zebra.Connect().SendAsync("^XA^XZ"u8.ToArray()));
    }

    [Fact]
    public async Task A_garbled_answer_is_a_format_error()
    {
        await using var zebra = new FakeZebra { CannedAnswer = "\u0002PRINTER STATUS\r\nERRORS: maybe\u0003" };

        var error = await Assert.ThrowsAsync<ZplFormatException>(() => zebra.Connect().QueryErrorStatusAsync());

        Assert.Contains("ERRORS line must be", error.Message);
    }

    [Fact]
    public async Task An_endless_answer_is_refused_at_the_size_limit()
    {
        await using var zebra = new FakeZebra { CannedAnswer = new string('x', ZebraConnection.MaxResponseBytes + 10) };

        var error = await Assert.ThrowsAsync<ZplFormatException>(() => zebra.Connect().QueryErrorStatusAsync());

        Assert.Contains($"more than {ZebraConnection.MaxResponseBytes} bytes", error.Message);
    }

    [Fact]
    public async Task Cancellation_by_the_caller_is_not_reported_as_a_timeout()
    {
        await using var zebra = new FakeZebra { Mode = FakeZebra.Behavior.Silent };
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => zebra.Connect(TimeSpan.FromSeconds(30)).QueryStatusAsync(cancellation.Token));

        Assert.NotNull(error);
    }

    [Fact]
    public async Task Each_call_uses_its_own_connection()
    {
        await using var zebra = new FakeZebra();
        var connection = zebra.Connect();

        await connection.QueryStatusAsync();
        await connection.SendAsync("^XA^XZ"u8.ToArray());
        await connection.QueryHostStatusAsync();

        // The fake sees each close on its own task, so the three may complete in any order.
        var received = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            received.Add(Encoding.ASCII.GetString(await zebra.NextConnectionAsync()));
        }
        Assert.Equal(["^XA^XZ", "~HQES~HS", "~HS"], received.Order(StringComparer.Ordinal));
        Assert.Equal(3, zebra.ConnectionCount);
    }

    [Theory]
    [InlineData("", 9100)]
    [InlineData("printer", 0)]
    [InlineData("printer", 65536)]
    public void Invalid_endpoints_are_refused_up_front(string host, int port)
    {
        Assert.ThrowsAny<ArgumentException>(() => new ZebraConnection(host, port));
    }

    [Fact]
    public void A_non_positive_timeout_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ZebraConnection("printer", 9100, TimeSpan.Zero));
    }

    [Fact]
    public async Task The_fake_refuses_connections_once_stopped()
    {
        await using var zebra = new FakeZebra();
        zebra.StopListening();
        using var client = new TcpClient();

        var error = await Assert.ThrowsAsync<SocketException>(() => client.ConnectAsync(IPAddress.Loopback, zebra.Port));

        Assert.Equal(SocketError.ConnectionRefused, error.SocketErrorCode);
    }
}
