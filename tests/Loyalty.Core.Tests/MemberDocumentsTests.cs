using System.Text.Json;
using Loyalty.Members;
using Loyalty.Storage;
using NodaTime;

namespace Loyalty.Core.Tests;

public sealed class MemberDocumentsTests
{
    [Fact]
    public void Attributes_OfEveryKind_RoundTrip_KeepingDecimalScaleAndOrder()
    {
        var attributes = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
        {
            ["zeta"] = AttributeValue.FromString("text, with \"quotes\" and é"),
            ["price"] = AttributeValue.FromDecimal(12.50m),
            ["vip"] = AttributeValue.FromBoolean(true),
            ["joined"] = AttributeValue.FromLocalDate(new LocalDate(2024, 2, 29)),
        };

        var json = MemberDocuments.WriteAttributes(attributes);
        var read = MemberDocuments.ReadAttributes(json);

        Assert.Equal(attributes.Keys, read.Keys);
        Assert.All(attributes, pair => Assert.Equal(pair.Value, read[pair.Key]));
        Assert.Equal("12.50", read["price"].ToString());
        Assert.Contains("\"kind\":\"Number\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void ExternalIdsAndMetadata_RoundTrip_AndEmptyOnesAreEmptyObjects()
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal) { ["loyalty_barcode"] = "1234-5678", ["pos_id"] = "p-9" };
        Assert.Equal(ids, MemberDocuments.ReadExternalIds(MemberDocuments.WriteExternalIds(ids)));

        using var metadata = JsonDocument.Parse("""{"plan":"gold","n":[1,2]}""");
        Assert.Equal("""{"plan":"gold","n":[1,2]}""", MemberDocuments.WriteMetadata(MemberDocuments.ReadMetadata(metadata.RootElement.GetRawText())));

        Assert.Equal("{}", MemberDocuments.WriteExternalIds(new Dictionary<string, string>()));
        Assert.Equal("{}", MemberDocuments.WriteAttributes(new Dictionary<string, AttributeValue>()));
        Assert.Equal("{}", MemberDocuments.WriteMetadata(default));
        Assert.Empty(MemberDocuments.ReadExternalIds("{}"));
        Assert.Equal(JsonValueKind.Object, MemberDocuments.ReadMetadata("{}").ValueKind);
    }
}
