using Loyalty.Configuration;
using Loyalty.Members;

namespace Loyalty.StoreContract;

/// <summary>The custom attributes and external id names the member tests declare.</summary>
public static class ProfileSchema
{
    public static void Declare(LoyaltyOptions options)
    {
        options.ExternalIdKeys.Add("loyalty_barcode");
        options.ExternalIdKeys.Add("pos_id");
        options.Attributes.Add(new AttributeDefinition("favorite_drink", AttributeKind.Text));
        options.Attributes.Add(new AttributeDefinition("visits", AttributeKind.Number));
        options.Attributes.Add(new AttributeDefinition("newsletter", AttributeKind.Boolean));
        options.Attributes.Add(new AttributeDefinition("anniversary", AttributeKind.Date));
        options.Attributes.Add(new AttributeDefinition("size", AttributeKind.Enum, "S", "M", "L"));
    }
}
