using DingGate.Cli;

return await DinggateCli.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
