using Npgsql;

namespace DingGate.Storage.Tests.Postgres;

[Collection(PostgresCollection.Name)]
public sealed class PostgresInstanceTests(PostgresServer server)
{
    [Fact]
    public async Task Server_AcceptsConnection_AnswersSelectOne()
    {
        await using var connection = new NpgsqlConnection(server.DatabaseFor(GetType()));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT 1", connection);

        Assert.Equal(1, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Server_ListensOnLoopbackOnly_AsTheTestUser()
    {
        await using var connection = new NpgsqlConnection(server.Instance.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT current_user || ' ' || current_setting('listen_addresses')", connection);

        Assert.Equal("dinggate 127.0.0.1", await command.ExecuteScalarAsync());
    }
}
