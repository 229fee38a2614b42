using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Reminders.Core.Storage.Tables;

/// <summary>Fails start-up when no usable table connection is configured, naming the setting (never its value).</summary>
internal sealed class TableStoreOptionsValidator(IConfiguration configuration) : IValidateOptions<TableStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, TableStoreOptions options) =>
        TableConnectionResolver.TryResolve(configuration, out _, out var error)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(error);
}

/// <summary>The attribute checks of <see cref="TableStoreOptions"/> (the prefix's pattern), generated at build time.</summary>
[OptionsValidator]
internal sealed partial class TableStoreOptionsAttributesValidator : IValidateOptions<TableStoreOptions>;
