// An A2A 1.0 agent built with the official @a2a-js/sdk 1.3.0 serving all three bindings from one request handler:
// JSON-RPC and HTTP+JSON (REST) on express, gRPC on @grpc/grpc-js. The independent peer our A2AClient's transport
// tests talk to.
//
// Usage: node a2a-three-bindings-server.mjs [order] [tenant]
//   order:  the card's interfaces, comma-separated, first preferred (default JSONRPC,HTTP+JSON,GRPC)
//   tenant: when given, the card's interfaces name this tenant (REST then routes under /{tenant}/)
// Prints "LISTENING <http-port>" once both servers accept connections (the gRPC port is in the card); stops on
// SIGTERM/SIGINT or when stdin closes. Binds 127.0.0.1 only.
//
// Skills (by the message text): anything is echoed back as an artifact and the task completes; "hold" keeps the task
// working until it is canceled (for cancel and subscribe); "ask" stops the task in TASK_STATE_INPUT_REQUIRED with the
// question "Which city?", and the follow-up message that names the task completes it with "going to <text>".
// GET /_seen answers what the last calls carried on each binding (the request-signature header or metadata, the
// extensions, and the SHA-256 of the request body or gRPC message bytes exactly as received), for signature checks.
import express from 'express';
import * as grpc from '@grpc/grpc-js';
import { createHash, randomUUID } from 'node:crypto';
import { Role, TaskState } from '@a2a-js/sdk';
import { AgentEvent, DefaultRequestHandler, InMemoryTaskStore } from '@a2a-js/sdk/server';
import { agentCardHandler, jsonRpcHandler, restHandler, UserBuilder } from '@a2a-js/sdk/server/express';
import { A2AService, grpcService, UserBuilder as GrpcUserBuilder } from '@a2a-js/sdk/server/grpc';

const order = (process.argv[2] ?? 'JSONRPC,HTTP+JSON,GRPC').split(',');
const tenant = process.argv[3] ?? '';

const card = {
  name: 'JS Three Bindings Agent',
  description: 'Echoes text over JSON-RPC, HTTP+JSON and gRPC, built with @a2a-js/sdk.',
  version: '1.0.0',
  supportedInterfaces: [],
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
const held = new Map(); // taskId → ends the held execution

class EchoExecutor {
  async execute(context, bus) {
    const { taskId, contextId, userMessage } = context;
    const text = textOf(userMessage);
    const status = (state) => ({ state, timestamp: now() });
    const artifact = (value) => AgentEvent.artifactUpdate({
      taskId,
      contextId,
      artifact: { artifactId: randomUUID(), name: 'echo', description: '', parts: [{ content: { $case: 'text', value }, metadata: undefined, filename: '', mediaType: 'text/plain' }], metadata: undefined, extensions: [] },
      append: false,
      lastChunk: true,
      metadata: undefined,
    });
    if (context.task?.status?.state === TaskState.TASK_STATE_INPUT_REQUIRED) {
      // The answer to "ask": the SDK wants the task itself as a turn's first event, then the turn's changes.
      bus.publish(AgentEvent.task({ ...context.task, history: [...(context.task.history ?? []), userMessage] }));
      bus.publish(AgentEvent.statusUpdate({ taskId, contextId, status: status(TaskState.TASK_STATE_WORKING), metadata: undefined }));
      bus.publish(artifact('going to ' + text));
      bus.publish(AgentEvent.statusUpdate({ taskId, contextId, status: status(TaskState.TASK_STATE_COMPLETED), metadata: undefined }));
      bus.finished();
      return;
    }

    bus.publish(AgentEvent.task({ id: taskId, contextId, status: status(TaskState.TASK_STATE_SUBMITTED), artifacts: [], history: [userMessage], metadata: undefined }));
    bus.publish(AgentEvent.statusUpdate({ taskId, contextId, status: status(TaskState.TASK_STATE_WORKING), metadata: undefined }));
    if (text === 'ask') {
      const question = { messageId: randomUUID(), contextId, taskId, role: Role.ROLE_AGENT, parts: [{ content: { $case: 'text', value: 'Which city?' }, metadata: undefined, filename: '', mediaType: 'text/plain' }], metadata: undefined, extensions: [], referenceTaskIds: [] };
      bus.publish(AgentEvent.statusUpdate({ taskId, contextId, status: { state: TaskState.TASK_STATE_INPUT_REQUIRED, message: question, timestamp: now() }, metadata: undefined }));
      bus.finished();
      return;
    }

    if (text === 'hold') {
      // The execution (and with it the task's event bus, which subscribers read) stays open until cancelTask.
      await new Promise((resolve) => held.set(taskId, resolve));
      return;
    }

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
    held.get(taskId)?.();
    held.delete(taskId);
  }
}

const handler = new DefaultRequestHandler(card, new InMemoryTaskStore(), new EchoExecutor());
const seen = { http: [], grpc: [] };
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('base64url');

const app = express();
app.get('/_seen', (_req, res) => res.json(seen));
// Record what each A2A HTTP request carried, with the hash of its body bytes as received. The body is read (and its
// JSON parsed) here, so the SDK's own body parser sees a finished request and takes req.body as it is.
app.use((req, _res, next) => {
  if (!req.path.startsWith('/a2a/')) {
    next();
    return;
  }

  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    seen.http.push({
      method: req.method,
      path: req.originalUrl,
      signature: req.header('a2a-signature') ?? null,
      extensions: req.header('a2a-extensions') ?? null,
      version: req.header('a2a-version') ?? null,
      bodyHash: sha256(body),
      body: body.toString('base64'),
    });
    if (body.length > 0) {
      try {
        req.body = JSON.parse(body.toString('utf8'));
      } catch {
        req.body = undefined;
      }
    }
    next();
  });
});
app.use('/.well-known/agent-card.json', agentCardHandler({ agentCardProvider: handler }));
app.use('/a2a/jsonrpc', jsonRpcHandler({ requestHandler: handler, userBuilder: UserBuilder.noAuthentication }));
app.use('/a2a/rest', restHandler({ requestHandler: handler, userBuilder: UserBuilder.noAuthentication }));

// The SDK's service definition, each request deserializer wrapped to hash the message bytes exactly as received.
const recordingService = Object.fromEntries(Object.entries(A2AService).map(([name, method]) => [name, {
  ...method,
  requestDeserialize: (bytes) => {
    seen.grpc.push({ path: method.path, bodyHash: sha256(bytes), body: Buffer.from(bytes).toString('base64') });
    return method.requestDeserialize(bytes);
  },
}]));
const sdkService = grpcService({ requestHandler: handler, userBuilder: GrpcUserBuilder.noAuthentication });
const recordingHandlers = Object.fromEntries(Object.entries(sdkService).map(([name, implementation]) => [name, (call, callback) => {
  const entry = seen.grpc.findLast((e) => e.path === A2AService[name].path && e.signature === undefined);
  if (entry) {
    const value = (key) => call.metadata.get(key).map(String)[0] ?? null;
    Object.assign(entry, { signature: value('a2a-signature'), extensions: value('a2a-extensions'), version: value('a2a-version') });
  }
  return implementation(call, callback);
}]));

// The SDK logs every handled error to the console; keep the peer quiet so its output stays machine-readable.
console.error = () => {};
console.warn = () => {};

const grpcServer = new grpc.Server();
grpcServer.addService(recordingService, recordingHandlers);
grpcServer.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, grpcPort) => {
  if (error) {
    process.stderr.write(`gRPC bind failed: ${error.message}\n`);
    process.exit(1);
  }

  const server = app.listen(0, '127.0.0.1', () => {
    const { port } = server.address();
    const urls = {
      JSONRPC: `http://127.0.0.1:${port}/a2a/jsonrpc`,
      'HTTP+JSON': `http://127.0.0.1:${port}/a2a/rest`,
      GRPC: `http://127.0.0.1:${grpcPort}`,
    };
    card.supportedInterfaces = order.map((binding) => ({ url: urls[binding], protocolBinding: binding, protocolVersion: '1.0', tenant }));
    process.stdout.write(`LISTENING ${port}\n`);
  });
  server.keepAliveTimeout = 65_000;

  const stop = () => {
    grpcServer.forceShutdown();
    server.closeAllConnections?.();
    server.close(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdin.on('end', stop);
  process.stdin.resume();
});
