using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MachineActors.Registry.Remoting;

/// <summary>
/// A value typed <see cref="object"/> (a setting value, a command argument or result, a print option, a property
/// value) as an object naming its kind, so it reads back as the CLR type it was written as: <c>{"bool":true}</c>,
/// <c>{"int":5}</c>, <c>{"long":5}</c>, <c>{"float":2.5}</c> (<see cref="double"/>; <c>"NaN"</c>, <c>"Infinity"</c>
/// and <c>"-Infinity"</c> as strings), <c>{"float32":2.5}</c>, <c>{"decimal":2.50}</c>, <c>{"string":"x"}</c>,
/// <c>{"guid":"..."}</c>, <c>{"datetimeoffset":"..."}</c>, <c>{"timespan":"1.02:03:04"}</c>; null stays null. A
/// <see cref="JsonElement"/> (what an HTTP body gives) travels as <c>{"json":...}</c> and stays a JsonElement; any other
/// value travels as its JSON in the same form and arrives as a <see cref="JsonElement"/>.
/// </summary>
internal sealed class TypedValueConverter : JsonConverter<object>
{
    public override object Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject || !reader.Read() || reader.TokenType != JsonTokenType.PropertyName)
        {
            throw new JsonException("A value is an object naming its kind, e.g. {\"int\":5}.");
        }
        var kind = reader.GetString();
        reader.Read();
        object value = kind switch
        {
            "string" => reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw new JsonException("A string value must be a JSON string."),
            "bool" => reader.GetBoolean(),
            "int" => reader.GetInt32(),
            "long" => reader.GetInt64(),
            "float" => reader.TokenType == JsonTokenType.String ? NonFinite(reader.GetString()) : reader.GetDouble(),
            "float32" => reader.TokenType == JsonTokenType.String ? (float)NonFinite(reader.GetString()) : reader.GetSingle(),
            "decimal" => reader.GetDecimal(),
            "guid" => reader.GetGuid(),
            "datetimeoffset" => reader.GetDateTimeOffset(),
            "timespan" => TimeSpan.TryParseExact(reader.GetString(), "c", CultureInfo.InvariantCulture, out var span)
                ? span
                : throw new JsonException("A timespan value must be in the invariant \"c\" format."),
            "json" => JsonElement.ParseValue(ref reader),
            _ => throw new JsonException($"Unknown value kind '{kind}'."),
        };
        if (!reader.Read() || reader.TokenType != JsonTokenType.EndObject)
        {
            throw new JsonException("A value object has exactly one member.");
        }
        return value;
    }

    public override void Write(Utf8JsonWriter writer, object value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        switch (value)
        {
            case string text:
                writer.WriteString("string", text);
                break;
            case bool flag:
                writer.WriteBoolean("bool", flag);
                break;
            case int number:
                writer.WriteNumber("int", number);
                break;
            case long number:
                writer.WriteNumber("long", number);
                break;
            case double number when double.IsFinite(number):
                writer.WriteNumber("float", number);
                break;
            case double number:
                writer.WriteString("float", number.ToString(CultureInfo.InvariantCulture));
                break;
            case float number when float.IsFinite(number):
                writer.WriteNumber("float32", number);
                break;
            case float number:
                writer.WriteString("float32", number.ToString(CultureInfo.InvariantCulture));
                break;
            case decimal number:
                writer.WriteNumber("decimal", number);
                break;
            case Guid id:
                writer.WriteString("guid", id);
                break;
            case DateTimeOffset time:
                writer.WriteString("datetimeoffset", time);
                break;
            case TimeSpan span:
                writer.WriteString("timespan", span.ToString("c", CultureInfo.InvariantCulture));
                break;
            case JsonElement element:
                writer.WritePropertyName("json");
                element.WriteTo(writer);
                break;
            default:
                writer.WritePropertyName("json");
                if (value.GetType() == typeof(object))
                {
                    writer.WriteStartObject();
                    writer.WriteEndObject();
                }
                else
                {
                    JsonSerializer.Serialize(writer, value, value.GetType(), options);
                }
                break;
        }
        writer.WriteEndObject();
    }

    private static double NonFinite(string? text) => text switch
    {
        "NaN" => double.NaN,
        "Infinity" => double.PositiveInfinity,
        "-Infinity" => double.NegativeInfinity,
        _ => throw new JsonException($"'{text}' is not a number."),
    };
}
