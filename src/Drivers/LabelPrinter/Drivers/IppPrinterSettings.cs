using MachineActors.Drivers.Ipp;
using MachineActors.Machines;

namespace MachineActors.Drivers.LabelPrinter.Drivers;

/// <summary>The driver settings of one IPP printer machine, read once per (re)initialisation.</summary>
internal sealed record IppPrinterSettings(IppClientOptions Client, TimeSpan PollInterval)
{
    public static IppPrinterSettings Read(IMachine machine)
    {
        var uri = (string?)machine.GetSetting(IppLabelPrinterDriver.PrinterUriSetting, SettingConfigType.Driver)
            ?? throw new InvalidOperationException($"{IppLabelPrinterDriver.PrinterUriSetting} is not set.");
        var timeout = (double?)machine.GetSetting(IppLabelPrinterDriver.TimeoutSetting, SettingConfigType.Driver) ?? IppLabelPrinterDriver.DefaultTimeoutSeconds;
        var userName = (string?)machine.GetSetting(IppLabelPrinterDriver.UserNameSetting, SettingConfigType.Driver);
        var password = (string?)machine.GetSetting(IppLabelPrinterDriver.PasswordSetting, SettingConfigType.Driver);
        var poll = (int?)machine.GetSetting(IppLabelPrinterDriver.PollIntervalSetting, SettingConfigType.Driver) ?? IppLabelPrinterDriver.DefaultPollSeconds;
        var options = new IppClientOptions
        {
            PrinterUri = new Uri(uri, UriKind.Absolute),
            Timeout = TimeSpan.FromSeconds(timeout),
            UserName = string.IsNullOrEmpty(userName) ? null : userName,
            Password = password,
        };
        return new IppPrinterSettings(options, TimeSpan.FromSeconds(poll));
    }
}
