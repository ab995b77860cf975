using System.Diagnostics;
using System.Globalization;
using StackExchange.Redis;

namespace DingGate.Cli.Doctor;

/// <summary>
/// <c>coordination.redis</c> answers: connect and PING, with the round trip. Messages name the endpoints, never the
/// password (masked even where Redis or the client would echo it).
/// </summary>
internal static class RedisCheck
{
    public const string Name = "redis";
    private const string Fix =
        "check that Redis runs and accepts connections from this machine (bind, protected-mode, firewall), and that coordination.redis names the right host, port and password";

    public static async Task<DoctorCheck> RunAsync(string configuration, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ConfigurationOptions options;
        try
        {
            options = ConfigurationOptions.Parse(configuration);
        }
        catch (ArgumentException ex)
        {
            return DoctorCheck.Fail(Name, "coordination.redis is not a Redis connection string: " + Mask(ex.Message, null), "write it as host[:port][,password=…][,ssl=true]");
        }

        var password = options.Password;
        options.AbortOnConnectFail = true;
        options.ConnectRetry = 1;
        options.ConnectTimeout = (int)Math.Min(options.ConnectTimeout, timeout.TotalMilliseconds);
        options.ClientName = "dinggate-doctor";
        var endpoints = string.Join(", ", options.EndPoints.Select(e => EndPointCollection.ToString(e)));
        try
        {
            var started = Stopwatch.GetTimestamp();
            await using var redis = await ConnectionMultiplexer.ConnectAsync(options).WaitAsync(timeout, cancellationToken);
            var connected = Stopwatch.GetElapsedTime(started);
            var ping = await redis.GetDatabase().PingAsync().WaitAsync(timeout, cancellationToken);
            return DoctorCheck.Pass(Name, string.Create(CultureInfo.InvariantCulture,
                $"{endpoints}: connected in {connected.TotalMilliseconds:0} ms, PING answered in {ping.TotalMilliseconds:0.0} ms"));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or System.Net.Sockets.SocketException)
        {
            // The client's message goes on to advise abortConnect=false, which is advice for applications, not for this check.
            var reason = ex.Message.Split('\n', 2)[0].Split(". ", 2)[0].Trim().TrimEnd('.');
            if (ex is RedisConnectionException connection)
            {
                reason += $" ({connection.FailureType})";
            }

            return DoctorCheck.Fail(Name, Mask($"cannot reach Redis at {endpoints}: {reason}", password), Fix);
        }
    }

    private static string Mask(string text, string? password) =>
        string.IsNullOrEmpty(password) ? text : text.Replace(password, "***", StringComparison.Ordinal);
}
