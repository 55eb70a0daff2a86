
namespace Loyalty.StoreContract;

/// <summary>Assertions for the library's typed errors.</summary>
public static class LoyaltyAssert
{
    /// <summary>Asserts that the action throws a <see cref="LoyaltyException"/> with the code, and returns it.</summary>
    public static async Task<LoyaltyException> ThrowsAsync(ErrorCode code, Func<Task> action)
    {
        var exception = await Assert.ThrowsAsync<LoyaltyException>(action);
        Assert.True(exception.Code == code, $"Expected {code} but got {exception.Code}: {exception.Message}");
        return exception;
    }

    /// <summary>Asserts that the action throws a <see cref="LoyaltyException"/> with the code (ValueTask form).</summary>
    public static Task<LoyaltyException> ThrowsAsync<T>(ErrorCode code, Func<ValueTask<T>> action)
    {
        Func<Task> asTask = async () => await action();
        return ThrowsAsync(code, asTask);
    }
}
