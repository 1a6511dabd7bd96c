namespace MachineActors.Machines.Tests;

public sealed class SettingConfigTypeCodesTests
{
    [Theory]
    [InlineData(SettingConfigType.Machine, "M")]
    [InlineData(SettingConfigType.Driver, "D")]
    public void Round_trips_the_one_letter_codes(SettingConfigType type, string code)
    {
        Assert.Equal(code, type.ToCode());
        Assert.True(SettingConfigTypeCodes.TryParse(code, out var parsed));
        Assert.Equal(type, parsed);
    }

    [Theory]
    [InlineData("m")]
    [InlineData("X")]
    [InlineData("MACHINE")]
    [InlineData("")]
    [InlineData(null)]
    public void Rejects_other_codes(string? code) => Assert.False(SettingConfigTypeCodes.TryParse(code, out _));

    [Fact]
    public void An_undefined_type_has_no_code()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ((SettingConfigType)1).ToCode());
    }
}
