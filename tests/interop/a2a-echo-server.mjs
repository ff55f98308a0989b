// An A2A 1.0 echo agent built with the official @a2a-js/sdk server on express: the independent peer our
// A2AClient interop tests and the hosting load test talk to.
//
// Usage: node a2a-echo-server.mjs [port]   (port 0 or omitted: the OS picks one)
// Prints "LISTENING <port>" once it accepts connections; stops on SIGTERM/SIGINT or when stdin closes.
// Binds 127.0.0.1 only.
import express from 'express';
import { Role, TaskState } from '@a2a-js/sdk';
import { AgentEvent, DefaultRequestHandler, InMemoryTaskStore } from '@a2a-js/sdk/server';
import { agentCardHandler, jsonRpcHandler, UserBuilder } from '@a2a-js/sdk/server/express';
import { randomUUID } from 'node:crypto';

const requestedPort = Number(process.argv[2] ?? 0);

const card = {
  name: 'JS Echo Agent',
  description: 'Echoes text, built with @a2a-js/sdk.',
  version: '1.0.0',
  supportedInterfaces: [{ url: 'http://127.0.0.1/a2a/jsonrpc', protocolBinding: 'JSONRPC', protocolVersion: '1.0', tenant: '' }],
  capabilities: { streaming: true, pushNotifications: false, extensions: [] },
  securitySchemes: {},
  securityRequirements: [],
  defaultInputModes: ['text/plain'],
  defaultOutputModes: ['text/plain'],
  skills: [{ id: 'echo', name: 'Echo', description: 'Echoes the text it receives.', tags: ['echo'], examples: [], inputModes: [], outputModes: [], securityRequirements: [] }],
  signatures: [],
};

const textOf = (message) => message.parts.filter((p) => p.content?.$case === 'text').map((p) => p.content.value).join('\n');
const now = () => new Date().toISOString();

class EchoExecutor {
  async execute(context, bus) {
    const { taskId, contextId, userMessage } = context;
    const text = textOf(userMessage);
    const status = (state, message) => ({ state, message, timestamp: now() });
    bus.publish(AgentEvent.task({ id: taskId, contextId, status: status(TaskState.TASK_STATE_SUBMITTED), artifacts: [], history: [userMessage], metadata: undefined }));
    bus.publish(AgentEvent.statusUpdate({ taskId, contextId, status: status(TaskState.TASK_STATE_WORKING), metadata: undefined }));
    bus.publish(AgentEvent.artifactUpdate({
      taskId,
      contextId,
      artifact: { artifactId: randomUUID(), name: 'echo', description: '', parts: [{ content: { $case: 'text', value: text }, metadata: undefined, filename: '', mediaType: 'text/plain' }], metadata: undefined, extensions: [] },
      append: false,
      lastChunk: true,
      metadata: undefined,
    }));
    bus.publish(AgentEvent.statusUpdate({ taskId, contextId, status: status(TaskState.TASK_STATE_COMPLETED), metadata: undefined }));
    bus.finished();
  }

  async cancelTask(taskId, bus) {
    bus.publish(AgentEvent.statusUpdate({ taskId, contextId: '', status: { state: TaskState.TASK_STATE_CANCELED, timestamp: now() }, metadata: undefined }));
    bus.finished();
  }
}

const handler = new DefaultRequestHandler(card, new InMemoryTaskStore(), new EchoExecutor());
const app = express();
app.use('/.well-known/agent-card.json', agentCardHandler({ agentCardProvider: handler }));
app.use('/a2a/jsonrpc', jsonRpcHandler({ requestHandler: handler, userBuilder: UserBuilder.noAuthentication }));

// The SDK logs every handled error to the console; keep the peer quiet so its output stays machine-readable.
console.error = () => {};

const server = app.listen(requestedPort, '127.0.0.1', () => {
  const { port } = server.address();
  card.supportedInterfaces[0].url = `http://127.0.0.1:${port}/a2a/jsonrpc`;
  process.stdout.write(`LISTENING ${port}\n`);
});
server.keepAliveTimeout = 65_000;

const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.resume();
