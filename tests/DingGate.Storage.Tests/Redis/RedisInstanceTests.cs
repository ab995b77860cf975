using DingGate.Tests.Shared;
using StackExchange.Redis;

namespace DingGate.Storage.Tests.Redis;

public sealed class RedisInstanceTests
{
    [Fact]
    public async Task Server_AcceptsConnection_AnswersPing()
    {
        using var instance = RedisInstance.Start();
        await using var redis = await ConnectionMultiplexer.ConnectAsync(instance.ConnectionString);
        var database = redis.GetDatabase();

        await database.PingAsync();
        await database.StringSetAsync("k", "v");
        Assert.Equal("v", (string?)await database.StringGetAsync("k"));
    }

    [Fact]
    public void Dispose_StopsServer()
    {
        int port;
        using (var instance = RedisInstance.Start())
        {
            port = instance.Port;
        }

        using var client = new System.Net.Sockets.TcpClient();
        Assert.ThrowsAny<System.Net.Sockets.SocketException>(() => client.Connect(System.Net.IPAddress.Loopback, port));
    }
}
