// client.mjs
import { ClientFactory } from '@a2a-js/sdk/client';
import { Role } from '@a2a-js/sdk';
import { randomUUID } from 'node:crypto';

const url = process.argv[2] ?? 'http://127.0.0.1:5080/';
const client = await new ClientFactory().createFromUrl(url); // reads the card (the JS SDK does not check its signature)

// A user message for one skill of an A2AGen agent.
const message = (skill, ...contents) => ({
  message: {
    messageId: randomUUID(),
    contextId: '',
    taskId: '',
    role: Role.ROLE_USER,
    parts: contents.map((content) => ({ content, metadata: undefined, filename: '', mediaType: '' })),
    metadata: { 'urn:a2agen:skill': skill },
    extensions: [],
    referenceTaskIds: [],
  },
});

// A text part: a skill taking a string gets the text.
const echoed = await client.sendMessage(message('echo', { $case: 'text', value: 'hello from js' }));
console.log(echoed.artifacts[0].parts[0].content.value); // hello from js

// A data part: a skill taking a JSON type gets the first data part (camelCase names).
const quoted = await client.sendMessage(message('quote', { $case: 'data', value: { amount: 100, currency: 'USD' } }));
console.log(JSON.stringify(quoted.artifacts[0].parts[0].content.value)); // {"amount":80,"currency":"GBP","rate":0.8}
