using System.Text.Json.Nodes;
using DingGate.Core.Configuration.Loading;
using DingGate.Core.Secrets;

namespace DingGate.Core.Tests.Secrets;

public sealed class ConnectionStringPasswordTests
{
    [Theory]
    [InlineData("Host=db;Database=dinggate;Username=dg;Password=hunter2", "Host=db;Database=dinggate;Username=dg;Password=***")]
    [InlineData("Password=hunter2;Host=db", "Password=***;Host=db")]
    [InlineData("Host=db; pwd = hunter2 ;Database=d", "Host=db; pwd = ***;Database=d")]
    [InlineData("Host=db;Password='hun;ter2';Database=d", "Host=db;Password=***;Database=d")]
    [InlineData("Host=db;Password=\"hun;ter2\"", "Host=db;Password=***")]
    [InlineData("Host=db;Password=${PGPASSWORD}", "Host=db;Password=${PGPASSWORD}")]
    [InlineData("Host=db;Database=dinggate", "Host=db;Database=dinggate")]
    [InlineData("Host=db;PasswordFile=/run/pg", "Host=db;PasswordFile=/run/pg")]
    public void Mask_PasswordValue_ReplacedRestKept(string connectionString, string expected) =>
        Assert.Equal(expected, ConnectionStringPassword.Mask(connectionString));

    [Theory]
    [InlineData("storage.connectionString", true)]
    [InlineData("storage.provider", false)]
    [InlineData("connectionString", true)]
    public void IsConnectionString_ByLastKey(string path, bool expected) =>
        Assert.Equal(expected, ConnectionStringPassword.IsConnectionString(path));

    [Fact]
    public void ConfigValueText_ConnectionString_PasswordMasked() =>
        Assert.Equal("\"Host=db;Password=***\"", ConfigValueText.Of("storage.connectionString", JsonValue.Create("Host=db;Password=hunter2")));
}
