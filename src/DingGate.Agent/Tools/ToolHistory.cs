using System.Text.Json;
using System.Text.Json.Nodes;
using DingGate.Core.Sessions;
using Microsoft.Extensions.AI;

namespace DingGate.Agent.Tools;

/// <summary>
/// Tool calls and results as session history: one <see cref="SessionTurn.ToolCall"/> turn per call
/// (<c>{"id","name","arguments"}</c>) and one <see cref="SessionTurn.ToolResult"/> turn per result
/// (<c>{"id","name","result"}</c>), stored between the user's message and the answer; and back to the model's messages.
/// </summary>
internal static class ToolHistory
{
    /// <summary>The turns of the calls that got a result, in the order they happened (a call that got no result, e.g. one the model asked for after the last round, is left out).</summary>
    public static IReadOnlyList<SessionTurn> Turns(IReadOnlyList<AIContent> steps, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(steps);

        // Each result answers the latest call before it with its id that has no result yet.
        var matched = new HashSet<int>();
        var names = new Dictionary<int, string>();
        for (var i = 0; i < steps.Count; i++)
        {
            if (steps[i] is not FunctionResultContent result)
            {
                continue;
            }

            for (var j = i - 1; j >= 0; j--)
            {
                if (steps[j] is FunctionCallContent call && call.CallId == result.CallId && !matched.Contains(j))
                {
                    matched.Add(j);
                    matched.Add(i);
                    names[i] = call.Name;
                    break;
                }
            }
        }

        var turns = new List<SessionTurn>();
        for (var i = 0; i < steps.Count; i++)
        {
            if (!matched.Contains(i))
            {
                continue;
            }

            turns.Add(steps[i] switch
            {
                FunctionCallContent call => new SessionTurn(SessionTurn.ToolCall, CallJson(call), at),
                FunctionResultContent result => new SessionTurn(SessionTurn.ToolResult, ResultJson(result, names[i]), at),
                _ => throw new InvalidOperationException("Only calls and results are matched."),
            });
        }

        return turns;
    }

    /// <summary>A stored call; null when <paramref name="text"/> is not one.</summary>
    public static FunctionCallContent? Call(string text)
    {
        var json = Parse(text);
        if (json is null || Str(json, "id") is not { Length: > 0 } id || Str(json, "name") is not { Length: > 0 } name)
        {
            return null;
        }

        var arguments = json["arguments"] is JsonObject args
            ? args.ToDictionary(a => a.Key, a => (object?)(a.Value is null ? null : JsonSerializer.SerializeToElement(a.Value)))
            : null;
        return new FunctionCallContent(id, name, arguments);
    }

    /// <summary>A stored result; null when <paramref name="text"/> is not one.</summary>
    public static FunctionResultContent? Result(string text)
    {
        var json = Parse(text);
        return Str(json, "id") is { Length: > 0 } id
            ? new FunctionResultContent(id, Str(json, "result") ?? string.Empty)
            : null;
    }

    /// <summary>The id of a stored call or result, or null.</summary>
    public static string? CallId(string text) => Str(Parse(text), "id");

    private static string CallJson(FunctionCallContent call)
    {
        var arguments = new JsonObject();
        foreach (var (key, value) in call.Arguments ?? new Dictionary<string, object?>())
        {
            arguments[key] = value is null ? null : JsonSerializer.SerializeToNode(value, AIJsonUtilities.DefaultOptions.GetTypeInfo(value.GetType()));
        }

        return new JsonObject { ["id"] = call.CallId, ["name"] = call.Name, ["arguments"] = arguments }.ToJsonString();
    }

    private static string ResultJson(FunctionResultContent result, string name) =>
        new JsonObject { ["id"] = result.CallId, ["name"] = name, ["result"] = result.Result as string ?? ToolResults.Text(result.Result, int.MaxValue) }.ToJsonString();

    private static string? Str(JsonObject? json, string key) =>
        json?[key] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static JsonObject? Parse(string text)
    {
        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
