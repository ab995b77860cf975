using System.Net;
using System.Net.WebSockets;
using DingGate.Emulator.Tests.Support;

namespace DingGate.Emulator.Tests.Stream;

public sealed class StreamTicketTests
{
    [Fact]
    public async Task Connect_TicketUsedTwice_SecondUpgradeGets400()
    {
        await using var emu = await TestEmulator.StartAsync();
        var ticket = await StreamTestClient.RegisterAsync(emu);
        using var first = new ClientWebSocket();
        await first.ConnectAsync(StreamTestClient.SocketUri(emu, ticket), CancellationToken.None);

        var status = await TryConnectAsync(emu, ticket);

        Assert.Equal(WebSocketState.Open, first.State);
        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Fact]
    public async Task Connect_TicketOlderThan90s_Gets400()
    {
        await using var emu = await TestEmulator.StartAsync();
        var ticket = await StreamTestClient.RegisterAsync(emu);

        emu.Time.Advance(TimeSpan.FromSeconds(90));
        var status = await TryConnectAsync(emu, ticket);

        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Fact]
    public async Task Connect_TicketAt89s_IsAccepted()
    {
        await using var emu = await TestEmulator.StartAsync();
        var ticket = await StreamTestClient.RegisterAsync(emu);

        emu.Time.Advance(TimeSpan.FromSeconds(89));
        var status = await TryConnectAsync(emu, ticket);

        Assert.Equal(HttpStatusCode.SwitchingProtocols, status);
    }

    [Fact]
    public async Task Connect_UnknownTicket_Gets400()
    {
        await using var emu = await TestEmulator.StartAsync();

        Assert.Equal(HttpStatusCode.BadRequest, await TryConnectAsync(emu, Guid.NewGuid().ToString()));
    }

    [Fact]
    public async Task ExpireTickets_ControlRoute_InvalidatesOutstandingTickets()
    {
        await using var emu = await TestEmulator.StartAsync();
        var ticket = await StreamTestClient.RegisterAsync(emu);

        var (status, body) = await emu.SendAsync(HttpMethod.Post, "/_emulator/tickets/expire");

        Assert.Equal(200, status);
        Assert.Equal(1, body!["expired"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.BadRequest, await TryConnectAsync(emu, ticket));
    }

    [Fact]
    public async Task Connect_PlainHttpGet_Gets400WithJsonBody()
    {
        await using var emu = await TestEmulator.StartAsync();
        var ticket = await StreamTestClient.RegisterAsync(emu);

        using var response = await emu.Http.GetAsync("/connect?ticket=" + ticket);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"code\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<HttpStatusCode> TryConnectAsync(TestEmulator emu, string ticket)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        try
        {
            await socket.ConnectAsync(StreamTestClient.SocketUri(emu, ticket), CancellationToken.None);
        }
        catch (WebSocketException)
        {
        }

        return socket.HttpStatusCode;
    }
}
