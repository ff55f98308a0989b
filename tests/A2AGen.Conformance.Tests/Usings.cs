global using A2AGen.Conformance.Tests.Infrastructure;
