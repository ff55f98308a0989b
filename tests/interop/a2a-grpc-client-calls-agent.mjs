// Drives an A2A agent over gRPC with the official @a2a-js/sdk client (@a2a-js/sdk/client/grpc, @grpc/grpc-js): the
// client factory prefers the GRPC interface of the agent's card; then send, stream, get, list, cancel, subscribe (while
// the task runs), a tenant, and errors. Prints one JSON report on stdout (ProtoJSON of every result; the class, gRPC
// status and message of every error) for the C# interop test to check.
//
// The card lists the gRPC interface as a URL (http://127.0.0.1:5001, spec §4.4.6 and its examples); @grpc/grpc-js
// takes a target (127.0.0.1:5001, or dns:///127.0.0.1:5001) and cannot resolve a URL with a scheme, and the SDK passes
// the card's URL on unchanged. With `--as-is` the script does that, to show it; by default the factory is wrapped so
// the transport gets the URL's host and port.
//
// Usage: node a2a-grpc-client-calls-agent.mjs <agent base URL ending in '/'> [--as-is]
import { ClientFactory, ClientFactoryOptions } from '@a2a-js/sdk/client';
import { GrpcTransportFactory } from '@a2a-js/sdk/client/grpc';
import { Role, Task, Message, StreamResponse, ListTasksResponse } from '@a2a-js/sdk';
import { randomUUID } from 'node:crypto';

const baseUrl = process.argv[2];
const asIs = process.argv.includes('--as-is');
if (!baseUrl) {
  process.stderr.write('usage: node a2a-grpc-client-calls-agent.mjs <agent base URL> [--as-is]\n');
  process.exit(2);
}

const text = (value, skill, configuration) => ({
  tenant: '',
  message: {
    messageId: randomUUID(),
    contextId: '',
    taskId: '',
    role: Role.ROLE_USER,
    parts: [{ content: { $case: 'text', value }, metadata: undefined, filename: '', mediaType: '' }],
    metadata: skill ? { 'urn:a2agen:skill': skill } : undefined,
    extensions: [],
    referenceTaskIds: [],
  },
  configuration,
});
const background = { acceptedOutputModes: [], historyLength: undefined, returnImmediately: true };

const failure = (error) => ({ name: error?.constructor?.name, message: error?.message, status: error?.status, transport: error?.transport });

// The card's gRPC URL → a grpc-js target (host:port).
const grpc = new GrpcTransportFactory();
const transport = asIs ? grpc : {
  protocolName: grpc.protocolName,
  create: (url, card) => grpc.create(new URL(url).host, card),
};

const report = {};
try {
  const factory = new ClientFactory(ClientFactoryOptions.createFrom(ClientFactoryOptions.default, {
    transports: [transport],
    preferredTransports: ['GRPC'],
  }));
  const client = await factory.createFromUrl(baseUrl);
  report.card = { interfaces: client.agentCard.supportedInterfaces };

  const sent = await client.sendMessage(text('hello over grpc'));
  report.send = 'status' in sent ? { kind: 'task', task: Task.toJSON(sent) } : { kind: 'message', message: Message.toJSON(sent) };

  report.stream = [];
  for await (const event of client.sendMessageStream(text('3', 'count'))) {
    report.stream.push(StreamResponse.toJSON(event));
  }

  const taskId = report.send.task?.id;
  report.get = Task.toJSON(await client.getTask({ id: taskId, historyLength: 1, tenant: '' }));
  report.list = ListTasksResponse.toJSON(await client.listTasks({ tenant: '', contextId: '', status: 0, pageSize: 50, pageToken: '', historyLength: 0, includeArtifacts: false }));

  const running = await client.sendMessage(text('x', 'slow', background));
  report.cancel = Task.toJSON(await client.cancelTask({ id: running.id, tenant: '', metadata: undefined }));

  // Subscribe to a running task; cancel it once the stream has shown the task: the stream ends with CANCELED.
  const watched = await client.sendMessage(text('x', 'slow', background));
  report.subscribe = [];
  for await (const event of client.resubscribeTask({ id: watched.id, tenant: '' })) {
    report.subscribe.push(StreamResponse.toJSON(event));
    if (report.subscribe.length === 1) {
      await client.cancelTask({ id: watched.id, tenant: '', metadata: undefined });
    }
  }

  // A tenant travels in the request's tenant field.
  const tenanted = await client.sendMessage({ ...text('for acme'), tenant: 'acme' });
  report.tenant = { sent: Task.toJSON(tenanted), got: Task.toJSON(await client.getTask({ id: tenanted.id, tenant: 'acme' })) };

  report.errors = {};
  try { await client.getTask({ id: 'no-such-task', tenant: '' }); } catch (e) { report.errors.taskNotFound = failure(e); }
  try { await client.sendMessage(text('x', 'teleport')); } catch (e) { report.errors.unknownSkill = failure(e); }
  try { await client.cancelTask({ id: taskId, tenant: '' }); } catch (e) { report.errors.notCancelable = failure(e); }
  try { await client.sendMessage(text('x', 'refund')); } catch (e) { report.errors.unsigned = failure(e); }
} catch (error) {
  report.fatal = { ...failure(error), stack: error?.stack };
}

process.stdout.write(JSON.stringify(report) + '\n');
process.exit(0);
