using DingGate.Cli.Tests.Support;
using DingGate.Core.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DingGate.Cli.Tests.Replicas;

// Gateway replicas on one PostgreSQL database and one emulator app, on the emulator's fake clock, and the reads of the
// shared database the replica tests assert on.
internal static class ReplicaGateways
{
    public const int LeaseSeconds = 5;

    public static Task<GatewayUnderTest> StartAsync(
        EmulatorUnderTest emu, string state, ScriptedChatClient model, string database, string replicaId, bool card = false, int leaseSeconds = LeaseSeconds,
        Action<IServiceCollection>? services = null) =>
        GatewayUnderTest.StartAsync(
            emu,
            state,
            model,
            s => { s.MessageType = card ? "card" : "markdown"; s.ThinkingIndicator = "off"; },
            configureConfig: c =>
            {
                c.Storage = new StorageSettings { Provider = StorageProvider.Postgres, ConnectionString = database };
                c.Gateway.ReplicaId = replicaId;
                c.Gateway.LeaseSeconds = leaseSeconds;
            },
            services: services);

    // Leases, renewals and takeovers run on the fake clock: move it in steps (under a third of a lease) until `done`.
    public static async Task AdvanceUntilAsync(EmulatorUnderTest emu, Func<Task<bool>> done, string what, TimeSpan? step = null)
    {
        for (var i = 0; i < 600; i++)
        {
            if (await done())
            {
                return;
            }

            emu.Time!.Advance(step ?? TimeSpan.FromSeconds(1));
            await Task.Delay(25);
        }

        Assert.Fail("timed out waiting for " + what);
    }

    // Lets the loops woken by the last clock move run (a "nothing more happens" check needs them to have had their turn).
    public static async Task SettleAsync(EmulatorUnderTest emu)
    {
        for (var i = 0; i < 10; i++)
        {
            await Task.Delay(50);
            emu.Time!.Advance(TimeSpan.Zero);
        }
    }

    public static async Task<long> ScalarAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
