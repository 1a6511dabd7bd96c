using System.Text;
using MachineActors.Drivers.LabelPrinter;

using MachineActors.Machines.Printing;

namespace MachineActors.Drivers.Tests.LabelPrinter;

public sealed class LabelTests
{
    [Fact]
    public void A_text_label_is_UTF8_plain_text()
    {
        var label = Label.FromText("Shelf \u00c4-12", "shelf");

        Assert.Equal(Encoding.UTF8.GetBytes("Shelf \u00c4-12"), label.Content.ToArray());
        Assert.Equal("text/plain; charset=utf-8", label.ContentType);
        Assert.Equal("text/plain", label.MediaType);
        Assert.Equal("shelf", label.Name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("text")]
    [InlineData("text/")]
    [InlineData("/plain")]
    [InlineData("not a type")]
    public void A_label_needs_a_well_formed_content_type(string contentType)
    {
        var error = Assert.Throws<ArgumentException>(() => new Label(new byte[] { 1 }, contentType));

        Assert.Contains("is not a content type", error.Message);
    }

    [Fact]
    public void The_media_type_drops_parameters_and_case()
    {
        Assert.Equal("application/zpl", new Label(new byte[] { 1 }, "Application/ZPL; dpmm=8").MediaType);
    }

    [Fact]
    public void Labels_are_equal_by_content()
    {
        var one = new Label("^XA^XZ"u8.ToArray(), "application/zpl", "a");
        var same = new Label("^XA^XZ"u8.ToArray(), "application/zpl", "a");

        Assert.Equal(one, same);
        Assert.Equal(one.GetHashCode(), same.GetHashCode());
        Assert.NotEqual(one, new Label("^XA ^XZ"u8.ToArray(), "application/zpl", "a"));
        Assert.NotEqual(one, new Label("^XA^XZ"u8.ToArray(), "text/zpl", "a"));
        Assert.NotEqual(one, new Label("^XA^XZ"u8.ToArray(), "application/zpl"));
    }

    [Theory]
    [InlineData("text/plain", ".txt")]
    [InlineData("application/pdf", ".pdf")]
    [InlineData("application/zpl", ".zpl")]
    [InlineData("text/x-zpl", ".zpl")]
    [InlineData("image/png", ".png")]
    [InlineData("application/octet-stream", ".bin")]
    public void Content_types_have_file_extensions(string mediaType, string extension)
    {
        Assert.Equal(extension, LabelContentTypes.ExtensionOf(mediaType));
    }

    [Fact]
    public void A_job_needs_an_id_and_at_least_one_label()
    {
        Assert.Throws<ArgumentException>(() => new PrintJob(Guid.Empty, [Label.FromText("a")]));
        Assert.Throws<ArgumentException>(() => new PrintJob(Guid.NewGuid(), []));
        Assert.Throws<ArgumentException>(() => new PrintJob(Guid.NewGuid(), [null!]));
    }

    [Fact]
    public void A_job_keeps_its_own_copy_of_the_labels_and_defaults_to_one_copy()
    {
        var labels = new List<Label> { Label.FromText("a") };
        var job = new PrintJob(Guid.NewGuid(), labels);

        labels.Add(Label.FromText("b"));

        Assert.Single(job.Labels);
        Assert.Same(PrintOptions.Default, job.Options);
    }

    [Fact]
    public void A_print_failure_says_which_label_and_whether_it_may_have_printed()
    {
        var inner = new IOException("reset");
        var error = new PrintFailedException("lost the answer", inner) { LabelIndex = 2, MayHavePrinted = true };

        Assert.Equal("lost the answer", error.Message);
        Assert.Same(inner, error.InnerException);
        Assert.Equal(2, error.LabelIndex);
        Assert.True(error.MayHavePrinted);
        Assert.Null(new PrintFailedException("x").LabelIndex);
        Assert.False(new PrintFailedException("x").MayHavePrinted);
    }
}
