using MachineActors.Bench;

return await BenchmarkRunner.Run(args);
