using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using DingGate.Core.Configuration;
using DingGate.DingTalk.Api;
using DingGate.DingTalk.Stream;
using DingGate.DingTalk.Stream.Registration;
using Microsoft.Extensions.Time.Testing;

namespace DingGate.DingTalk.Tests.Support;

/// <summary>
/// A <see cref="StreamClient"/> pointed at a <see cref="DingTalkTestEmulator"/>, on its own fake clock (separate from the
/// emulator's, so each side's timers are driven on purpose), running until disposed. Records every status change and log.
/// </summary>
internal sealed class StreamClientHarness : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly HttpClient _http = new(DingTalkApiClient.CreateHandler()) { Timeout = TimeSpan.FromSeconds(30) };
    private readonly ConcurrentQueue<StreamStatus> _history = new();

    private StreamClientHarness(DingTalkTestEmulator emulator, DingTalkAccount account, StreamClientOptions options)
    {
        Emulator = emulator;
        Account = account;
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));
        Logs = new RecordingLogger<StreamClient>();
        Client = new StreamClient(account, new ApiStreamRegistrar(new DingTalkApiClient(account, _http, Time, Microsoft.Extensions.Logging.Abstractions.NullLogger<DingTalkApiClient>.Instance, new DingTalkApiMetrics(new TestMeterFactory()))), Journal, options, Time, Logs, new StreamMetrics(new TestMeterFactory()));
        Client.StatusChanged += (_, status) => _history.Enqueue(status);
    }

    public DingTalkTestEmulator Emulator { get; }

    public DingTalkAccount Account { get; }

    public FakeTimeProvider Time { get; }

    public InMemoryInboundJournal Journal { get; } = new();

    public RecordingLogger<StreamClient> Logs { get; }

    public StreamClient Client { get; }

    public Task Run { get; private set; } = Task.CompletedTask;

    public IReadOnlyList<StreamStatus> History => _history.ToArray();

    public static DingTalkAccount AccountFor(DingTalkTestEmulator emulator, Func<DingTalkAccount, DingTalkAccount>? configure = null)
    {
        var account = new DingTalkAccount
        {
            Id = "main", ClientId = DingTalkTestEmulator.ClientId, ClientSecret = DingTalkTestEmulator.ClientSecret, RobotCode = DingTalkTestEmulator.ClientId,
            ApiBaseUrl = emulator.BaseUrl, InitialReconnectDelay = TimeSpan.FromSeconds(1), MaxReconnectDelay = TimeSpan.FromSeconds(60),
            ReconnectJitter = 0, MaxConnectionAttempts = 10,
        };
        return configure is null ? account : configure(account);
    }

    /// <summary>Starts the client (does not wait for the connection).</summary>
    public static StreamClientHarness Start(
        DingTalkTestEmulator emulator, Func<DingTalkAccount, DingTalkAccount>? account = null, Action<StreamClientOptions>? options = null)
    {
        var opts = new StreamClientOptions { Random = new Random(42) };
        options?.Invoke(opts);
        var harness = new StreamClientHarness(emulator, AccountFor(emulator, account), opts);
        harness.Run = harness.Client.RunAsync(harness._stop.Token);
        return harness;
    }

    /// <summary>Starts the client and waits until it is connected.</summary>
    public static async Task<StreamClientHarness> ConnectAsync(
        DingTalkTestEmulator emulator, Func<DingTalkAccount, DingTalkAccount>? account = null, Action<StreamClientOptions>? options = null)
    {
        var harness = Start(emulator, account, options);
        await harness.WaitForStateAsync(StreamConnectionState.Connected);
        return harness;
    }

    public Task WaitForStateAsync(StreamConnectionState state, int count = 1) =>
        TestWait.UntilAsync(() => History.Count(s => s.State == state) >= count, $"state {state} x{count}; history: " + string.Join(",", History.Select(s => s.State)), TestWait.StreamTimeout);

    /// <summary>Next delivery (real-time timeout for socket I/O).</summary>
    public async Task<StreamDelivery> NextDeliveryAsync(int timeoutMs = 10_000)
    {
        using var timeout = new CancellationTokenSource(timeoutMs);
        return await Client.Deliveries.ReadAsync(timeout.Token);
    }

    /// <summary>Stops the client: cancels RunAsync and awaits it.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Run.WaitAsync(TimeSpan.FromSeconds(20));
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
        _http.Dispose();
    }

    private sealed class TestMeterFactory : IMeterFactory
    {
        public Meter Create(MeterOptions options) => new(options);

        public void Dispose()
        {
        }
    }
}
