using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MachineActors.Host.Tests.Security;

/// <summary>
/// Generates malformed requests from one seed (the same seed gives the same requests): a valid request to an endpoint
/// that takes a body or route values, with exactly one thing broken — the JSON itself (truncated, garbage around it,
/// comments, trailing commas, deep nesting, not an object, not UTF-8, not JSON at all), one field (a wrong type, null
/// where a value is required, blank, too long, 1-10 MB, a negative or huge number, an invalid slug, setting key or
/// config type, bad base64), or one route value (an invalid or unknown UUID, slug, key or config type). Nothing it
/// makes is valid, so every answer must be a 4xx and nothing may change.
/// </summary>
public sealed class MalformedRequestGenerator(int seed, FuzzTargets fixture)
{
    private static readonly string[] s_invalidIds =
    [
        "not-a-uuid", "123", "00000000-0000-0000-0000-00000000000g", "00000000-0000-0000-0000-0000000000", "' OR 1=1 --",
        "../../etc/passwd", "%00", "ünïcödé", "🖨️", "null", "undefined", "-1", "1e400", " ", "..%2F",
        "00000000-0000-0000-0000-000000000000-00", "{00000000-0000-0000-0000-0000000000zz}",
    ];

    private static readonly string[] s_invalidSlugs = ["Label Printer", "UPPER", "under_score", "../x", "a/b", "drïver", "a\nb", "a.b", "x y", ""];

    private static readonly string[] s_invalidKeys = ["lower", "1KEY", "KEY-DASH", "KEY.X", "../KEY", "KEY\n", "ÄKEY", "NO_SUCH_KEY", "A B", "%2E%2E"];

    private static readonly string[] s_invalidConfigTypes = ["X", "m", "d", "MD", "DM", " M", "0", "%00", "Ḿ", "settings"];

    private readonly Random _random = new(seed);
    private int _names;

    public MalformedRequest Next() => _random.Next(16) switch
    {
        0 or 1 => CreateMachine(),
        2 => ChangeMachine(),
        3 => ChangeSetting(),
        4 or 5 => Print(),
        6 => Command(),
        7 => CreateToken(),
        8 => MachineRoute(),
        9 => SettingRoute(),
        10 => JobRoute(),
        11 => TokenRoute(),
        12 => ListQuery(),
        13 => Whole("POST /api/machine/", HttpMethod.Post, "/api/machine/", CreateBase()),
        14 => Whole("POST /api/machine/{pk}/print/", HttpMethod.Post, $"/api/machine/{fixture.Printer}/print/", PrintBase()),
        _ => Whole("POST /api/tokens/", HttpMethod.Post, "/api/tokens/", new JsonObject { ["name"] = "fuzz", ["role"] = "viewer" }),
    };

    private JsonObject CreateBase() => new()
    {
        ["name"] = $"fuzz-{seed}-{_names++}",
        ["machine_type"] = "test-printer",
        ["driver"] = "test-printer-api",
        ["active"] = true,
        ["settings"] = new JsonArray(new JsonObject { ["config_type"] = "D", ["key"] = "TEST_SETTING", ["value"] = "fuzz" }),
    };

    private static JsonObject PrintBase() => new()
    {
        ["labels"] = new JsonArray(new JsonObject
        {
            ["content"] = Convert.ToBase64String("fuzz"u8),
            ["content_type"] = "text/plain",
            ["name"] = "fuzz",
        }),
        ["copies"] = 1,
        ["options"] = new JsonObject(),
    };

    private MalformedRequest CreateMachine()
    {
        const string target = "POST /api/machine/";
        var body = CreateBase();
        var (field, value, what) = Pick(
            () => RequiredString("name"),
            () => ("name", JsonValue.Create(fixture.ExistingName), "a name that is taken"),
            () => RequiredString("machine_type"),
            () => ("machine_type", JsonValue.Create(Pick(s_invalidSlugs)), "an invalid slug"),
            () => ("machine_type", JsonValue.Create("no-such-type"), "an unknown machine type"),
            () => RequiredString("driver"),
            () => ("driver", JsonValue.Create(Pick(s_invalidSlugs)), "an invalid slug"),
            () => ("driver", JsonValue.Create(new string('d', _random.Next(201, 5000))), "more than 200 characters"),
            () => WrongType("active", JsonValueKind.True),
            () => WrongType("placement", JsonValueKind.String),
            () => ("placement", JsonValue.Create(new string('p', _random.Next(201, 5000))), "more than 200 characters"),
            () => WrongType("settings", JsonValueKind.Array),
            () => ("settings", BrokenSettingList(), "a broken setting"));
        if (field != "settings" && _random.Next(2) == 0)
        {
            // Settings are checked against the driver's declarations: without them, an unknown driver is no refusal.
            body.Remove("settings");
        }
        return Field(target, HttpMethod.Post, "/api/machine/", body, field, value, what);
    }

    private JsonNode BrokenSettingList()
    {
        var item = new JsonObject { ["config_type"] = "D", ["key"] = "TEST_SETTING", ["value"] = "x" };
        switch (_random.Next(8))
        {
            case 0:
                return new JsonArray(WrongValue(JsonValueKind.Object));
            case 1:
                item.Remove("config_type");
                break;
            case 2:
                item["config_type"] = Pick(s_invalidConfigTypes);
                break;
            case 3:
                item["key"] = Pick(s_invalidKeys);
                break;
            case 4:
                item.Remove("value");
                break;
            case 5:
                // TEST_SETTING is text: an object or an array is no value for it.
                item["value"] = _random.Next(2) == 0 ? new JsonObject { ["a"] = 1 } : new JsonArray(1, 2);
                break;
            case 6:
                item["key"] = WrongValue(JsonValueKind.String);
                break;
            default:
                var many = new JsonArray();
                for (var i = 0; i < 101 + _random.Next(500); i++)
                {
                    many.Add(new JsonObject { ["config_type"] = "D", ["key"] = "TEST_SETTING", ["value"] = i });
                }
                return many;
        }
        return new JsonArray(item);
    }

    private MalformedRequest ChangeMachine()
    {
        var method = _random.Next(2) == 0 ? HttpMethod.Patch : HttpMethod.Put;
        var (field, value, what) = Pick(
            () => WrongType("name", JsonValueKind.String),
            () => ("name", JsonValue.Create(_random.Next(2) == 0 ? "" : "   "), "blank"),
            () => ("name", JsonValue.Create(new string('n', _random.Next(201, 5000))), "more than 200 characters"),
            () => ("name", JsonValue.Create(fixture.ExistingName), "a name that is taken"),
            () => WrongType("active", JsonValueKind.True),
            () => WrongType("placement", JsonValueKind.String),
            () => (_random.Next(2) == 0 ? "driver" : "machine_type", JsonValue.Create("test-printer-api"), "a field that cannot change"),
            () => ("name", Huge(), "1-10 MB"));
        return Field($"{method} /api/machine/{{pk}}/", method, $"/api/machine/{fixture.ApiMachine}/", new JsonObject(), field, value, what);
    }

    private MalformedRequest ChangeSetting()
    {
        var method = _random.Next(2) == 0 ? HttpMethod.Patch : HttpMethod.Put;
        var target = $"{method} /api/machine/{{pk}}/settings/{{configType}}/{{key}}/";
        var (machine, key, value, what) = _random.Next(7) switch
        {
            0 => (fixture.IppMachine, "TIMEOUT", JsonNode.Parse(Pick("0", "-1", "300.0001", "1e308", "-1e-300", "1e400", "12345678901234567890", "-0")), "a timeout out of range"),
            1 => (fixture.IppMachine, "POLL_INTERVAL", (JsonNode?)JsonValue.Create(_random.Next(2) == 0 ? -1 - _random.Next(1000) : 86_401 + _random.Next(1_000_000)), "a poll interval out of range"),
            2 => (fixture.IppMachine, "POLL_INTERVAL", WrongValue(JsonValueKind.Number, allowNumericText: false), "not an integer"),
            3 => (fixture.IppMachine, "PRINTER_URI", JsonValue.Create(Pick("not a uri", "/relative/path", "ipp://", "mailto:x@y", new string('u', 3000))), "not a printer URI"),
            4 => (fixture.ApiMachine, "PIN", WrongValue(JsonValueKind.Number, allowNumericText: false), "not an integer"),
            5 => (fixture.ApiMachine, "TEST_SETTING", _random.Next(2) == 0 ? new JsonObject { ["v"] = 1 } : new JsonArray("x"), "an object or array for text"),
            _ => (fixture.IppMachine, "TIMEOUT", WrongValue(JsonValueKind.Number, allowNumericText: false), "not a number"),
        };
        var path = $"/api/machine/{machine}/settings/D/{key}/";
        if (_random.Next(6) == 0)
        {
            return Json(target, "no value field", method, path, new JsonObject { ["other"] = value });
        }
        return Json(target, $"value: {what}", method, path, new JsonObject { ["value"] = value });
    }

    private MalformedRequest Print()
    {
        const string target = "POST /api/machine/{pk}/print/";
        var path = $"/api/machine/{fixture.Printer}/print/";
        var body = PrintBase();
        var label = body["labels"]![0]!.AsObject();
        switch (_random.Next(13))
        {
            case 0:
                return Field(target, HttpMethod.Post, path, body, "labels", WrongValue(JsonValueKind.Array), "labels: not a list");
            case 1:
                return Field(target, HttpMethod.Post, path, body, "labels", new JsonArray(), "labels: empty");
            case 2:
                return Field(target, HttpMethod.Post, path, body, "labels", new JsonArray(WrongValue(JsonValueKind.Object)), "a label that is not an object");
            case 3:
                label["content"] = Pick("@@@@", "abc", "a===", "!!" + new string('A', _random.Next(10, 5000)), "ZmF6eg=", "Zm9v YmFy\u0001", "Zm9v\"");
                return Json(target, "content: not base64", HttpMethod.Post, path, body);
            case 4:
                label["content"] = WrongValue(JsonValueKind.String);
                return Json(target, "content: not a string", HttpMethod.Post, path, body);
            case 5:
                label["content_type"] = _random.Next(3) == 0 ? WrongValue(JsonValueKind.String) : Pick("text", "/", "", "a/", "/b", "text/plain; =", new string('t', 10_000), "text plain", "text/" + new string('x', _random.Next(200, 5000)));
                return Json(target, "content_type: invalid", HttpMethod.Post, path, body);
            case 6:
                label["name"] = _random.Next(3) == 0 ? JsonValue.Create(new string('n', _random.Next(201, 100_000))) : WrongValue(JsonValueKind.String);
                return Json(target, "name: not a string or too long", HttpMethod.Post, path, body);
            case 7:
                body["copies"] = _random.Next(2) == 0
                    ? WrongValue(JsonValueKind.Number, allowNumericText: false)
                    : JsonValue.Create(Pick(0, -1, -2_147_483_648, 1001, 2_147_483_647, 1_000_000));
                return Json(target, "copies: invalid", HttpMethod.Post, path, body);
            case 8:
                body["options"] = WrongValue(JsonValueKind.Object);
                return Json(target, "options: not an object", HttpMethod.Post, path, body);
            case 9:
                // Without the top-level copies, which would win over it.
                body.Remove("copies");
                body["options"] = new JsonObject { ["copies"] = WrongValue(JsonValueKind.Number, allowNumericText: false) };
                return Json(target, "options.copies: invalid", HttpMethod.Post, path, body);
            case 10:
                // Labels travel in the body: more than its 8 MB limit is refused before anything is read into a job.
                label["content"] = new string('A', (8 * 1024 * 1024) + _random.Next(4, 2 * 1024 * 1024) / 4 * 4);
                return Json(target, "an oversized label", HttpMethod.Post, path, body);
            case 11:
                return Json(target, "Idempotency-Key: longer than 200", HttpMethod.Post, path, body) with
                {
                    Headers = new Dictionary<string, string> { ["Idempotency-Key"] = new('k', _random.Next(201, 8000)) },
                };
            default:
                return Json(target, "an unknown machine", HttpMethod.Post, $"/api/machine/{Uri.EscapeDataString(InvalidId())}/print/", body);
        }
    }

    private MalformedRequest Command()
    {
        const string target = "POST /api/machine/{pk}/command/";
        var body = new JsonObject { ["command"] = "custom_func", ["x"] = 6, ["y"] = 7 };
        var (field, value, what) = Pick(
            () => ("command", WrongValue(JsonValueKind.String), "command: not a string"),
            () => ("command", JsonValue.Create(Pick("", "   ", "launch_rockets", "CUSTOM_FUNC", "custom_func\n", new string('c', 5000))), "command: unknown"),
            () => ("command", null, "command: missing"),
            () => ("x", WrongValue(JsonValueKind.Number, allowNumericText: false), "x: not an integer"),
            () => ("x", JsonValue.Create(Pick(2_147_483_648L, -2_147_483_649L, 1e12, 9_007_199_254_740_993L)), "x: out of range"),
            () => ("y", null, "y: missing"));
        return Field(target, HttpMethod.Post, $"/api/machine/{fixture.ApiMachine}/command/", body, field, value, what);
    }

    private MalformedRequest CreateToken()
    {
        const string target = "POST /api/tokens/";
        var body = new JsonObject { ["name"] = "fuzz", ["role"] = "viewer" };
        var (field, value, what) = Pick(
            () => RequiredString("name"),
            () => ("name", JsonValue.Create(new string('t', _random.Next(101, 5000))), "more than 100 characters"),
            () => RequiredString("role"),
            () => ("role", JsonValue.Create(Pick("superuser", "root", "0", "1", "2", "3", "-1", "4", "viewer,admin", "Admin\n", "none")), "not a role"));
        return Field(target, HttpMethod.Post, "/api/tokens/", body, field, value, what);
    }

    private MalformedRequest MachineRoute()
    {
        var id = Uri.EscapeDataString(InvalidId());
        var (method, target, path) = _random.Next(8) switch
        {
            0 => (HttpMethod.Get, "GET /api/machine/{pk}/", $"/api/machine/{id}/"),
            1 => (HttpMethod.Delete, "DELETE /api/machine/{pk}/", $"/api/machine/{id}/"),
            2 => (HttpMethod.Post, "POST /api/machine/{pk}/restart/", $"/api/machine/{id}/restart/"),
            3 => (HttpMethod.Get, "GET /api/machine/{pk}/settings/", $"/api/machine/{id}/settings/"),
            4 => (HttpMethod.Get, "GET /api/machine/{pk}/jobs/", $"/api/machine/{id}/jobs/"),
            5 => (HttpMethod.Patch, "PATCH /api/machine/{pk}/", $"/api/machine/{id}/"),
            6 => (HttpMethod.Post, "POST /api/machine/{pk}/command/", $"/api/machine/{id}/command/"),
            _ => (HttpMethod.Put, "PUT /api/machine/{pk}/settings/{configType}/{key}/", $"/api/machine/{id}/settings/D/TEST_SETTING/"),
        };
        var body = method == HttpMethod.Patch ? new JsonObject { ["active"] = true }
            : method == HttpMethod.Put ? new JsonObject { ["value"] = "x" }
            : target.Contains("command", StringComparison.Ordinal) ? new JsonObject { ["command"] = "custom_func", ["x"] = 1, ["y"] = 2 }
            : null;
        return body is null
            ? new MalformedRequest(target, "pk: an invalid or unknown id", method, path, null, null)
            : Json(target, "pk: an invalid or unknown id", method, path, body);
    }

    private MalformedRequest SettingRoute()
    {
        var configType = Uri.EscapeDataString(Pick(s_invalidConfigTypes));
        var key = Uri.EscapeDataString(_random.Next(5) == 0 ? new string('K', _random.Next(100, 8000)) : Pick(s_invalidKeys));
        var (configTypePart, keyPart, what) = _random.Next(3) switch
        {
            0 => (configType, "TEST_SETTING", "configType: invalid"),
            1 => ("D", key, "key: invalid or undeclared"),
            _ => ("M", "TEST_SETTING", "key: declared by the driver, asked as a machine setting"),
        };
        var path = $"/api/machine/{fixture.ApiMachine}/settings/{configTypePart}/{keyPart}/";
        return _random.Next(2) == 0
            ? new MalformedRequest("GET /api/machine/{pk}/settings/{configType}/{key}/", what, HttpMethod.Get, path, null, null)
            : Json("PATCH /api/machine/{pk}/settings/{configType}/{key}/", what, HttpMethod.Patch, path, new JsonObject { ["value"] = "x" });
    }

    private MalformedRequest JobRoute()
    {
        var (path, what) = _random.Next(3) switch
        {
            0 => ($"/api/machine/{fixture.Printer}/jobs/{Uri.EscapeDataString(InvalidId())}/", "jobId: invalid or unknown"),
            1 => ($"/api/machine/{Uri.EscapeDataString(InvalidId())}/jobs/{fixture.Job}/", "pk: invalid or unknown"),
            _ => ($"/api/machine/{fixture.ApiMachine}/jobs/{fixture.Job}/", "a job of another machine"),
        };
        return new MalformedRequest("GET /api/machine/{pk}/jobs/{jobId}/", what, HttpMethod.Get, path, null, null);
    }

    private MalformedRequest TokenRoute() =>
        new("DELETE /api/tokens/{id}/", "id: invalid or unknown", HttpMethod.Delete, $"/api/tokens/{Uri.EscapeDataString(InvalidId())}/", null, null);

    private MalformedRequest ListQuery()
    {
        var (query, what) = _random.Next(6) switch
        {
            0 => ($"limit={Uri.EscapeDataString(Pick("0", "-1", "abc", "1.5", "99999999999", "", " 1", "0x10", "1e3"))}", "limit: not a positive integer"),
            1 => ($"limit=5&offset={Uri.EscapeDataString(Pick("-1", "abc", "1.5", "99999999999", "+3"))}", "offset: not a non-negative integer"),
            2 => ($"active={Uri.EscapeDataString(Pick("maybe", "yes", "2", "", "truee"))}", "active: not a flag"),
            3 => ($"initialized={Uri.EscapeDataString(Pick("maybe", "none", "2", "", "nul"))}", "initialized: not a flag"),
            4 => ($"limit={Uri.EscapeDataString(new string('9', _random.Next(20, 5000)))}", "limit: huge"),
            _ => ($"active=true&initialized={Uri.EscapeDataString(new string('x', _random.Next(1, 5000)))}", "initialized: garbage"),
        };
        return new MalformedRequest("GET /api/machine/", what, HttpMethod.Get, "/api/machine/?" + query, null, null);
    }

    /// <summary>A valid body for <paramref name="target"/>, broken as a whole: not JSON, not an object, not UTF-8, too deep, too big.</summary>
    private MalformedRequest Whole(string target, HttpMethod method, string path, JsonObject body)
    {
        var json = body.ToJsonString();
        var bytes = Encoding.UTF8.GetBytes(json);
        const string type = "application/json";
        switch (_random.Next(15))
        {
            case 0:
                return Raw(target, "truncated JSON", method, path, json[..(1 + _random.Next(json.Length - 1))], type);
            case 1:
                return Raw(target, "garbage after the JSON", method, path, json + Pick("}", ",{}", " x", "]", "\"", "{\"a\":1}"), type);
            case 2:
                return Raw(target, "garbage before the JSON", method, path, Pick("x", "[", ",", ")]}'\n", "\u0000") + json, type);
            case 3:
                return Raw(target, "a trailing comma", method, path, json[..^1] + ",}", type);
            case 4:
                return Raw(target, "a comment", method, path, "/* comment */" + json, type);
            case 5:
                return Raw(target, "single quotes", method, path, json.Replace('"', '\''), type);
            case 6:
                return Raw(target, "NaN", method, path, json[..^1] + ",\"nan\": NaN}", type);
            case 7:
                return Raw(target, "not an object", method, path, Pick("[]", "[{}]", "\"text\"", "42", "null", "true", "-0", "\"" + json.Replace("\"", "\\\"") + "\""), type);
            case 8:
                return Raw(target, "an empty body", method, path, Pick("", " ", "\n\n"), type);
            case 9:
                return new MalformedRequest(target, "invalid UTF-8", method, path, [.. bytes[..^2], 0xFF, 0xFE, .. bytes[^2..]], type);
            case 10:
                // In the first string value, which every one of these endpoints reads.
                var first = json.IndexOf("\":\"", StringComparison.Ordinal) + 3;
                return Raw(target, "a lone surrogate", method, path, json[..first] + "\\ud800" + json[first..], type);
            case 11:
                var depth = _random.Next(2) == 0 ? _random.Next(33, 200) : _random.Next(1000, 100_000);
                var open = _random.Next(2) == 0 ? "[" : "{\"a\":";
                var close = open == "[" ? "]" : "}";
                return Raw(target, $"nested {depth} deep", method, path, json[..^1] + ",\"deep\":" + string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth)) + "}", type);
            case 12:
                return Raw(target, "not declared as JSON", method, path, json, Pick("text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", null));
            case 13:
                return Raw(target, "an unquoted key", method, path, "{name: 1}", type);
            default:
                // Above the endpoint's limit (8 MB for a print job, 256 KiB for the others) and up to 10 MB.
                var least = target.Contains("print", StringComparison.Ordinal) ? (8 * 1024 * 1024) + 1 : 1024 * 1024;
                return Raw(target, "1-10 MB of JSON", method, path, json[..^1] + ",\"padding\":\"" + Huge(least)!.GetValue<string>() + "\"}", type);
        }
    }

    private (string Field, JsonNode? Value, string What) RequiredString(string field) => _random.Next(5) switch
    {
        0 => (field, WrongValue(JsonValueKind.String), $"{field}: not a string"),
        1 => (field, null, $"{field}: null"),
        2 => (field, JsonValue.Create(_random.Next(2) == 0 ? "" : "  \t "), $"{field}: blank"),
        3 => (field, Huge(), $"{field}: 1-10 MB"),
        _ => ("-" + field, null, $"{field}: missing"),
    };

    private (string Field, JsonNode? Value, string What) WrongType(string field, JsonValueKind kind) => (field, WrongValue(kind), $"{field}: not a {kind}");

    /// <summary>A JSON value of any kind but <paramref name="kind"/> (true and false count as one kind), never null.</summary>
    private JsonNode WrongValue(JsonValueKind kind, bool allowNumericText = true)
    {
        while (true)
        {
            JsonNode value = _random.Next(5) switch
            {
                0 => Number(negative: _random.Next(2) == 0),
                1 => JsonValue.Create(_random.Next(2) == 0),
                2 => _random.Next(2) == 0 ? new JsonObject() : new JsonObject { ["a"] = 1, ["b"] = new JsonArray("x") },
                3 => _random.Next(2) == 0 ? new JsonArray() : new JsonArray(1, "two", null),
                _ => JsonValue.Create(Pick("text", "yes", "1.5", "", "🖨️", "null"))!,
            };
            var valueKind = value.GetValueKind();
            if (valueKind is JsonValueKind.False)
            {
                valueKind = JsonValueKind.True;
            }
            if (valueKind == kind || (!allowNumericText && valueKind == JsonValueKind.String && value.GetValue<string>() is "1.5" or "" or "null"))
            {
                continue;
            }
            return value;
        }
    }

    private JsonNode Number(bool negative)
    {
        JsonNode value = _random.Next(6) switch
        {
            0 => JsonValue.Create(1e308),
            1 => JsonValue.Create(12345678901234567890m),
            2 => JsonValue.Create(0.5),
            3 => JsonValue.Create(long.MaxValue),
            4 => JsonValue.Create(1e-300),
            _ => JsonNode.Parse("1e400")!,
        };
        return negative ? JsonNode.Parse("-" + value.ToJsonString())! : value;
    }

    private JsonNode? Huge(int least = 1024 * 1024) => JsonValue.Create(new string((char)('a' + _random.Next(26)), _random.Next(least, 10 * 1024 * 1024)));

    private string InvalidId() => _random.Next(4) switch
    {
        0 => Guid.NewGuid().ToString(),
        1 => new string('x', _random.Next(100, 8000)),
        _ => Pick(s_invalidIds),
    };

    private MalformedRequest Field(string target, HttpMethod method, string path, JsonObject body, string field, JsonNode? value, string what)
    {
        if (field.StartsWith('-'))
        {
            body.Remove(field[1..]);
        }
        else if (value is null && what.EndsWith("missing", StringComparison.Ordinal))
        {
            body.Remove(field);
        }
        else
        {
            body[field] = value;
        }
        return Json(target, what, method, path, body);
    }

    private static MalformedRequest Json(string target, string what, HttpMethod method, string path, JsonObject body) =>
        new(target, what, method, path, Encoding.UTF8.GetBytes(body.ToJsonString()), "application/json");

    private static MalformedRequest Raw(string target, string what, HttpMethod method, string path, string body, string? contentType) =>
        new(target, what, method, path, Encoding.UTF8.GetBytes(body), contentType);

    private T Pick<T>(params T[] choices) => choices[_random.Next(choices.Length)];

    private (string, JsonNode?, string) Pick(params Func<(string, JsonNode?, string)>[] choices) => choices[_random.Next(choices.Length)]();
}
