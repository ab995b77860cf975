using DingGate.Cli;

return await DinggateCli.RunAsync(args, Console.In, Console.Out, Console.Error, CancellationToken.None);
