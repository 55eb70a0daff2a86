using Loyalty.Cli;

return await LoyaltyCli.RunAsync(args, CliEnvironment.FromProcess()).ConfigureAwait(false);
