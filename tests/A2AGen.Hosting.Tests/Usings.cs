global using A2AGen.Hosting.Tests.Agents;
global using A2AGen.Hosting.Tests.Infrastructure;
