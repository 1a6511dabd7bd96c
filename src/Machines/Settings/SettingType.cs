namespace MachineActors.Machines;

/// <summary>The type of a setting's value, and the CLR type <see cref="SettingValue.Parse(object?, SettingType)"/> produces.</summary>
public enum SettingType
{
    /// <summary>Text; parsed to <see cref="string"/>.</summary>
    String,

    /// <summary><c>true</c> or <c>false</c>; parsed to <see cref="bool"/>.</summary>
    Bool,

    /// <summary>A whole number; parsed to <see cref="int"/>.</summary>
    Int,

    /// <summary>A finite number; parsed to <see cref="double"/>.</summary>
    Float,

    /// <summary>One of the setting's <see cref="SettingDefinition.Choices"/>; parsed to the choice's <see cref="string"/> value.</summary>
    Choice,
}
