// An A2A 1.0 agent built with the official @a2a-js/sdk 1.3.0 with push notifications enabled: the SDK's own
// DefaultRequestHandler, InMemoryPushNotificationStore and DefaultPushNotificationSender, which POSTs each event of a
// task as a StreamResponse (Content-Type application/a2a+json) to every push configuration of the task, with
// `Authorization: {scheme} {credentials}` from the configuration's `authentication`. The independent sender our push
// receiver (MapA2APushReceiver) is tested against.
//
// Usage: node a2a-push-server.mjs
// Prints "LISTENING <port>" once it accepts connections; JSON-RPC at /a2a/jsonrpc, HTTP+JSON at /a2a/rest. Stops on
// SIGTERM/SIGINT or when stdin closes. Binds 127.0.0.1 only.
//
// Skills (by the message text): anything is echoed back as an artifact and the task completes; "ask" stops the task in
// TASK_STATE_INPUT_REQUIRED with the question "Which city?", and the follow-up message that names the task completes
// it with "going to <text>". GET /_log answers what the SDK logged (its push sender reports failed deliveries there).
import express from 'express';
import { randomUUID } from 'node:crypto';
import { Role, TaskState } from '@a2a-js/sdk';
import { AgentEvent, DefaultRequestHandler, InMemoryTaskStore } from '@a2a-js/sdk/server';
import { agentCardHandler, jsonRpcHandler, restHandler, UserBuilder } from '@a2a-js/sdk/server/express';

const card = {
  name: 'JS Push Agent',
  description: 'Echoes text and calls back the webhooks of its tasks, built with @a2a-js/sdk.',
  version: '1.0.0',
  supportedInterfaces: [],
  capabilities: { streaming: true, pushNotifications: true, extensions: [] },
  securitySchemes: {},
  securityRequirements: [],
  defaultInputModes: ['text/plain'],
  defaultOutputModes: ['text/plain'],
  skills: [{ id: 'echo', name: 'Echo', description: 'Echoes the text it receives.', tags: ['echo'], examples: [], inputModes: [], outputModes: [], securityRequirements: [] }],
  signatures: [],
};

const textOf = (message) => message.parts.filter((p) => p.content?.$case === 'text').map((p) => p.content.value).join('\n');
const now = () => new Date().toISOString();
const textPart = (value) => ({ content: { $case: 'text', value }, metadata: undefined, filename: '', mediaType: 'text/plain' });

class EchoExecutor {
  async execute(context, bus) {
    const { taskId, contextId, userMessage } = context;
    const text = textOf(userMessage);
    const status = (state, message) => AgentEvent.statusUpdate({ taskId, contextId, status: { state, message, timestamp: now() }, metadata: undefined });
    const artifact = (value) => AgentEvent.artifactUpdate({
      taskId,
      contextId,
      artifact: { artifactId: randomUUID(), name: 'echo', description: '', parts: [textPart(value)], metadata: undefined, extensions: [] },
      append: false,
      lastChunk: true,
      metadata: undefined,
    });
    if (context.task?.status?.state === TaskState.TASK_STATE_INPUT_REQUIRED) {
      // The answer to "ask": the SDK wants the task itself as a turn's first event, then the turn's changes.
      bus.publish(AgentEvent.task({ ...context.task, history: [...(context.task.history ?? []), userMessage] }));
      bus.publish(status(TaskState.TASK_STATE_WORKING));
      bus.publish(artifact('going to ' + text));
      bus.publish(status(TaskState.TASK_STATE_COMPLETED));
      bus.finished();
      return;
    }

    bus.publish(AgentEvent.task({ id: taskId, contextId, status: { state: TaskState.TASK_STATE_SUBMITTED, timestamp: now() }, artifacts: [], history: [userMessage], metadata: undefined }));
    bus.publish(status(TaskState.TASK_STATE_WORKING));
    if (text === 'ask') {
      const question = { messageId: randomUUID(), contextId, taskId, role: Role.ROLE_AGENT, parts: [textPart('Which city?')], metadata: undefined, extensions: [], referenceTaskIds: [] };
      bus.publish(status(TaskState.TASK_STATE_INPUT_REQUIRED, question));
      bus.finished();
      return;
    }

    bus.publish(artifact(text));
    bus.publish(status(TaskState.TASK_STATE_COMPLETED));
    bus.finished();
  }

  async cancelTask(taskId, bus) {
    bus.publish(AgentEvent.statusUpdate({ taskId, contextId: '', status: { state: TaskState.TASK_STATE_CANCELED, timestamp: now() }, metadata: undefined }));
    bus.finished();
  }
}

// The store and sender are the SDK's defaults (made by the handler because the card says pushNotifications: true).
const handler = new DefaultRequestHandler(card, new InMemoryTaskStore(), new EchoExecutor());

// The SDK logs through the console; keep stdout machine-readable and keep the lines for GET /_log.
const log = [];
for (const level of ['error', 'warn', 'info', 'log']) {
  console[level] = (...args) => log.push(`${level}: ${args.map((a) => (a instanceof Error ? a.message : String(a))).join(' ')}`);
}

const app = express();
app.get('/_log', (_req, res) => res.json(log));
app.use('/.well-known/agent-card.json', agentCardHandler({ agentCardProvider: handler }));
app.use('/a2a/jsonrpc', jsonRpcHandler({ requestHandler: handler, userBuilder: UserBuilder.noAuthentication }));
app.use('/a2a/rest', restHandler({ requestHandler: handler, userBuilder: UserBuilder.noAuthentication }));

const server = app.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  card.supportedInterfaces = [
    { url: `http://127.0.0.1:${port}/a2a/jsonrpc`, protocolBinding: 'JSONRPC', protocolVersion: '1.0', tenant: '' },
    { url: `http://127.0.0.1:${port}/a2a/rest`, protocolBinding: 'HTTP+JSON', protocolVersion: '1.0', tenant: '' },
  ];
  process.stdout.write(`LISTENING ${port}\n`);
});

const stop = () => {
  server.closeAllConnections?.();
  server.close(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.resume();
