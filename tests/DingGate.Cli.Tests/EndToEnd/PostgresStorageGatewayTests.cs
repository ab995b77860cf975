using DingGate.Cli.Tests.Support;
using DingGate.Core.Configuration;
using DingGate.DingTalk.Tests.Support;
using Npgsql;

namespace DingGate.Cli.Tests.EndToEnd;

/// <summary>
/// The gateway with <c>storage.provider: "postgres"</c>: its journal and sessions live in the database, not in the
/// state directory, so a gateway with another state directory on the same database answers with the earlier turns.
/// </summary>
public sealed class PostgresStorageGatewayTests(PostgresServerFixture server) : IClassFixture<PostgresServerFixture>
{
    [Fact]
    public async Task PostgresProvider_SecondGatewayWithOtherStateDirectory_ModelSeesEarlierTurnsAndStateIsInTheDatabase()
    {
        var connectionString = server.CreateDatabase();
        await using var emu = await EmulatorUnderTest.StartAsync();
        using var firstState = new TempDirectory();
        using var secondState = new TempDirectory();
        var model = new ScriptedChatClient { Script = call => ScriptedChatClient.Steps(call.Token, "回答" + call.Index) };
        void Postgres(DinggateConfig config) =>
            config.Storage = new StorageSettings { Provider = StorageProvider.Postgres, ConnectionString = connectionString };

        var first = await GatewayUnderTest.StartAsync(emu, firstState.Path, model, s => s.MessageType = "markdown", configureConfig: Postgres);
        var asked = await emu.SendDmAsync("记住：暗号是蓝鲸");
        await first.WaitForDmHistoryAsync(asked, 2);
        await first.StopAsync();

        await using var second = await GatewayUnderTest.StartAsync(emu, secondState.Path, model, s => s.MessageType = "markdown", configureConfig: Postgres);
        await emu.SendDmAsync("暗号是什么？");
        var call = await model.WaitForCallAsync(2);
        await second.WaitForDmHistoryAsync(asked, 4);

        Assert.Equal(["记住：暗号是蓝鲸", "回答0"], call.History.Select(m => m.Text));
        Assert.False(File.Exists(Path.Combine(firstState.Path, "dinggate.db")));
        Assert.False(File.Exists(Path.Combine(secondState.Path, "dinggate.db")));
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var answered = new NpgsqlCommand("SELECT COUNT(*) FROM inbound_journal WHERE state = 2", connection);
        Assert.Equal(2L, await answered.ExecuteScalarAsync());
        var texts = (await Wire.MessagesAsync(emu)).Select(c => Wire.WebhookText(c.Body)).ToList();
        Assert.Equal(["回答0", "回答1"], texts);
    }
}
