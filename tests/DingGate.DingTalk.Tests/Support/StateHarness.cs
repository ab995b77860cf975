using DingGate.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace DingGate.DingTalk.Tests.Support;

/// <summary>The SQLite stores of a state directory between two runs (what a crashed run left, changed by a test).</summary>
internal sealed class StateHarness(DingTalkTestEmulator emu, string stateDirectory) : IAsyncDisposable
{
    private readonly ServiceProvider _services =
        new ServiceCollection().AddSingleton<TimeProvider>(emu.Time).AddSqliteStorage(stateDirectory).BuildServiceProvider();

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
