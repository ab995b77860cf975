using DingGate.DingTalk.Api;
using DingGate.DingTalk.Api.Models;
using DingGate.DingTalk.Replies.Media;
using DingGate.DingTalk.Tests.Support;

namespace DingGate.DingTalk.Tests.Api;

public sealed class OapiHostTests : IAsyncLifetime
{
    private DingTalkTestEmulator _emulator = null!;

    public async Task InitializeAsync() => _emulator = await DingTalkTestEmulator.StartAsync();

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public async Task SendAsync_OapiUpload_TokenInQueryAndRetriedAfterRevocation()
    {
        var client = _emulator.CreateClient();
        var first = await UploadAsync(client);
        await _emulator.ControlAsync(HttpMethod.Post, "/_emulator/tokens/revoke", new { });

        var second = await UploadAsync(client);

        Assert.False(string.IsNullOrEmpty(first.MediaId));
        Assert.False(string.IsNullOrEmpty(second.MediaId));
        Assert.Equal("image", second.Type);
        var calls = _emulator.Calls("/media/upload");
        Assert.Equal(3, calls.Count);
        Assert.Contains("\"errcode\":40014", calls[1].ResponseBody.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.All(calls, c => Assert.Contains("access_token=", c.Query, StringComparison.Ordinal));
        Assert.Equal(2, _emulator.TokenRequests);
        Assert.NotEqual(calls[1].Query, calls[2].Query);
    }

    [Fact]
    public async Task SendAsync_OapiErrcode_MappedToException()
    {
        var client = _emulator.CreateClient();

        var ex = await Assert.ThrowsAsync<DingTalkApiException>(() => UploadAsync(client, type: "nonsense"));

        Assert.Equal(200, ex.HttpStatus);
        Assert.Equal("40004", ex.Code);
        Assert.Single(_emulator.Calls("/media/upload"));
    }

    private static Task<MediaUploadResponse> UploadAsync(DingTalkApiClient client, string type = "image") =>
        client.SendAsync<MediaUploadResponse>(
            new ApiRequest(DingTalkHost.Oapi, HttpMethod.Post, "/media/upload", Auth: ApiAuth.Token)
            {
                Content = () => new MediaUploadContent(type, "a.png", "image/png", new MemoryStream([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0])),
            },
            default);
}
