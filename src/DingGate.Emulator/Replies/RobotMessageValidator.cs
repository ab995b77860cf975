using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DingGate.Emulator.Fixtures;
using DingGate.Emulator.Http;
using DingGate.Emulator.Media;
using Microsoft.AspNetCore.Http;

namespace DingGate.Emulator.Replies;

/// <summary>
/// The checks shared by <c>oToMessages/batchSend</c> and <c>groupMessages/send</c> (spec §4.2–4.5): robotCode of the
/// token's app, msgKey from the catalogue, msgParam as a JSON <b>string</b> of an object with the key's required fields,
/// media ids that exist in the <see cref="MediaStore"/>, and the KB 0699 format rules of sampleAudio and sampleFile.
/// </summary>
internal sealed class RobotMessageValidator(DingTalkResults results, MediaStore media)
{
    public IResult? CheckRobotCode(JsonObject body, EmulatedApp app)
    {
        var robotCode = body.GetString("robotCode");
        if (string.IsNullOrEmpty(robotCode))
        {
            return results.ApiError(400, "invalidParameter.robotCode.empty", "robotCode不能为空");
        }

        return robotCode == app.RobotCode ? null : results.ApiError(400, "invalidParameter.robotCode.auth", "robotCode与access_token所属应用不匹配");
    }

    /// <summary>Validates msgKey and msgParam; returns the parsed msgParam object or the error.</summary>
    public (string MsgKey, JsonObject? Param, IResult? Error) CheckMessage(JsonObject body, int? maxParamBytes)
    {
        var msgKey = body.GetString("msgKey");
        if (string.IsNullOrEmpty(msgKey))
        {
            return (string.Empty, null, results.ApiError(400, "invalidParameter.msgKey.empty", "msgKey不能为空"));
        }

        if (!MsgKeyCatalog.Rules.TryGetValue(msgKey, out var rule))
        {
            return (msgKey, null, results.ApiError(400, "invalidParameter.msgKey.invalid", $"msgKey无效: {msgKey}"));
        }

        if (body.GetString("msgParam") is not { } raw)
        {
            return (msgKey, null, results.ApiError(400, "invalidParameter.msgParam.invalid", "msgParam必须是JSON格式的字符串"));
        }

        if (maxParamBytes is { } max && Encoding.UTF8.GetByteCount(raw) > max)
        {
            return (msgKey, null, results.ApiError(400, "invalidParameter.msgParam.tooLong", $"msgParam长度超过{max}字节限制"));
        }

        JsonObject? param;
        try
        {
            param = JsonNode.Parse(raw) as JsonObject;
        }
        catch (JsonException)
        {
            param = null;
        }

        if (param is null)
        {
            return (msgKey, null, results.ApiError(400, "invalidParameter.msgParam.invalid", "msgParam不是合法的JSON对象"));
        }

        foreach (var (field, missCode) in rule.Required)
        {
            if (param[field] is null || (param[field] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length == 0))
            {
                return (msgKey, null, results.ApiError(400, missCode, $"msgParam缺少参数{field}"));
            }
        }

        foreach (var reference in rule.Media)
        {
            var value = param.GetString(reference.Field);
            if (value is null || (reference.OnlyWhenMediaId && !value.StartsWith('@')))
            {
                continue;
            }

            if (media.FindByMediaId(value) is null)
            {
                return (msgKey, null, results.ApiError(400, "invalidParameter.param.invalid", $"{reference.Field}对应的媒体文件不存在: {value}"));
            }
        }

        return (msgKey, param, CheckFormats(msgKey, param));
    }

    /// <summary>
    /// The format rules of KB 0699: <c>sampleAudio</c> plays ogg/amr only (judged on the uploaded file's name),
    /// <c>sampleFile</c> takes the documented fileTypes only. The real error for either is not documented; the emulator
    /// answers with the param-invalid code it uses for bad media references.
    /// </summary>
    private IResult? CheckFormats(string msgKey, JsonObject param)
    {
        if (msgKey == "sampleAudio" && media.FindByMediaId(param.GetString("mediaId")) is { } audio)
        {
            var extension = Path.GetExtension(audio.FileName).TrimStart('.').ToLowerInvariant();
            if (!MsgKeyCatalog.AudioFormats.Contains(extension))
            {
                return results.ApiError(400, "invalidParameter.param.invalid", $"sampleAudio仅支持ogg、amr格式的语音，mediaId对应的文件为: {audio.FileName}");
            }
        }

        if (msgKey == "sampleFile" && param.GetString("fileType") is { } fileType && !MsgKeyCatalog.FileTypes.Contains(fileType))
        {
            return results.ApiError(400, "invalidParameter.param.invalid", $"fileType不支持: {fileType}，支持xlsx、pdf、zip、rar、doc、docx");
        }

        return null;
    }
}
