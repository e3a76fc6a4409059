import {
  PinpointSMSVoiceV2Client,
  SendTextMessageCommand,
  SendVoiceMessageCommand,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import type { ServiceConfigInput } from '../../../lambdas/shared/config/service-config';
import { createDocumentClient } from '../../../lambdas/shared/stores/dynamodb-client';
import { DynamoHookTable } from '../../../lambdas/shared/stores/dynamodb-hook-table';
import { createTelephonyHandler } from '../../../lambdas/telephony/handler';
import { endUserMessagingSender } from '../../../lambdas/telephony/providers/end-user-messaging';
import { snsSender } from '../../../lambdas/telephony/providers/sns';
import { closedPortEndpoint } from '../../support/fault-proxy';
import { createTestTable, type TestTable } from '../../support/dynamo';
import { callHook, commandsOf, errorOf, fixture } from '../../support/hook-harness';
import { captureOutput, type CapturedOutput } from '../../support/output-capture';
import { testConfig, testRuntime } from '../../support/test-runtime';

// SMS and voice cannot run here: the providers are stubbed at the SDK client boundary only.
const smsVoice = mockClient(PinpointSMSVoiceV2Client);
const sns = mockClient(SNSClient);

let test: TestTable;
let output: CapturedOutput;
let eventCounter = 0;

beforeAll(async () => {
  test = await createTestTable();
});
beforeEach(() => {
  smsVoice.reset();
  sns.reset();
  smsVoice.on(SendTextMessageCommand).resolves({ MessageId: 'msg-sms-1' });
  smsVoice.on(SendVoiceMessageCommand).resolves({ MessageId: 'msg-voice-1' });
  sns.on(PublishCommand).resolves({ MessageId: 'sns-1' });
  output = captureOutput();
});
afterEach(() => output.restore());

type TelephonyInput = NonNullable<ServiceConfigInput['hooks']>['telephony'];
const telephonyHandler = (settings: TelephonyInput = {}, table = test.table) => {
  const config = testConfig({ hooks: { telephony: { originationIdentity: '+18005550100', ...settings } } });
  const telephony = config.hooks.telephony;
  const sender = telephony.provider === 'sns' ? snsSender() : endUserMessagingSender(telephony);
  return createTelephonyHandler(testRuntime('telephony', config), telephony, { sender, idempotency: table });
};

/** A fixture with a fresh eventId, so tests do not see each other's deliveries. */
const request = (name = 'telephony.request.json') => {
  const body = fixture<{ eventId: string }>(name);
  eventCounter += 1;
  body.eventId = `${body.eventId}-${eventCounter}-${Date.now()}`;
  return body;
};

const successful = (transactionId: string, channel: string, provider = 'AWS End User Messaging') => [
  {
    type: 'com.okta.telephony.action',
    value: [{ status: 'SUCCESSFUL', provider, transactionId, transactionMetadata: `channel=${channel}` }],
  },
];

describe('telephony hook', () => {
  it('sends the SMS Okta wrote and reports SUCCESSFUL with the message id', async () => {
    const answer = await callHook('telephony', telephonyHandler(), request());
    expect(commandsOf(answer)).toEqual(successful('msg-sms-1', 'sms'));
    expect(smsVoice.commandCalls(SendTextMessageCommand).map((call) => call.args[0].input)).toEqual([
      {
        DestinationPhoneNumber: '+4915550001234',
        MessageBody: 'Example Corp: your code is 482913',
        MessageType: 'TRANSACTIONAL',
        OriginationIdentity: '+18005550100',
      },
    ]);
  });

  it('calls for "voice call" and reads the code digit by digit', async () => {
    const answer = await callHook('telephony', telephonyHandler(), request('telephony.edge.request.json'));
    expect(commandsOf(answer)).toEqual(successful('msg-voice-1', 'voice'));
    expect(smsVoice.commandCalls(SendVoiceMessageCommand)[0]?.args[0].input).toMatchObject({
      DestinationPhoneNumber: '+14155550199',
      OriginationIdentity: '+18005550100',
      MessageBody: 'Your verification code is 9, 0, 7, 2, 1, 1. Again, your code is 9, 0, 7, 2, 1, 1.',
      VoiceId: 'JOANNA',
    });
    expect(smsVoice.commandCalls(SendTextMessageCommand)).toHaveLength(0);
  });

  it.each(['Voice', 'VOICE', 'voice call'])('treats deliveryChannel %s as voice', async (deliveryChannel) => {
    const body = request();
    (body as unknown as { data: { messageProfile: { deliveryChannel: string } } }).data.messageProfile.deliveryChannel = deliveryChannel;
    await callHook('telephony', telephonyHandler(), body);
    expect(smsVoice.commandCalls(SendVoiceMessageCommand)).toHaveLength(1);
  });

  it('uses its own SMS text when Okta sends no template', async () => {
    const body = request() as unknown as { data: { messageProfile: { msgTemplate?: string } } };
    delete body.data.messageProfile.msgTemplate;
    await callHook('telephony', telephonyHandler({ smsMessage: 'Code: {code}' }), body);
    expect(smsVoice.commandCalls(SendTextMessageCommand)[0]?.args[0].input.MessageBody).toBe('Code: 482913');
  });

  it('sends once for a duplicate eventId and answers the duplicate the same', async () => {
    const handler = telephonyHandler();
    const body = request();
    const first = await callHook('telephony', handler, body);
    const second = await callHook('telephony', handler, body);
    expect(smsVoice.commandCalls(SendTextMessageCommand)).toHaveLength(1);
    expect(commandsOf(second)).toEqual(commandsOf(first));
    expect(second.body).toMatchObject({ debugContext: { duplicate: 'completed' } });
  });

  it('sends exactly once when duplicates arrive at the same moment', async () => {
    // The provider answers only once the seven duplicates have been answered, so every one of
    // them arrives while the first send is in flight, however slow the machine. A hook that made
    // duplicates wait for the send would hold the gate shut until its 2 s fallback.
    let answered = 0;
    let openGate = (): void => undefined;
    const gate = new Promise<void>((resolve) => {
      openGate = resolve;
      setTimeout(resolve, 2000).unref();
    });
    smsVoice.on(SendTextMessageCommand).callsFake(async () => {
      await gate;
      return { MessageId: 'msg-slow' };
    });
    const handler = telephonyHandler();
    const body = request();
    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        callHook('telephony', handler, body).then((answer) => {
          answered += 1;
          if (answered === 7) openGate();
          return answer;
        }),
      ),
    );
    expect(smsVoice.commandCalls(SendTextMessageCommand)).toHaveLength(1);
    const statuses = answers.map((answer) => (commandsOf(answer) as { value: { status: string }[] }[])[0]?.value[0]?.status);
    expect(statuses.filter((status) => status === 'SUCCESSFUL')).toHaveLength(1);
    expect(statuses.filter((status) => status === 'PENDING')).toHaveLength(7);
  });

  it('answers 200 with an error object when the provider fails, so Okta falls back', async () => {
    smsVoice.on(SendTextMessageCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    const handler = telephonyHandler();
    const body = request();
    const answer = await callHook('telephony', handler, body);
    expect(answer.status).toBe(200);
    expect(commandsOf(answer)).toBeUndefined();
    expect(errorOf(answer)).toEqual({
      errorSummary: 'The SMS could not be sent by AWS End User Messaging.',
      errorCauses: [
        { errorSummary: 'The provider did not accept the message', reason: 'ThrottlingException', location: 'data.messageProfile.phoneNumber' },
      ],
    });
    // A duplicate of a failed delivery does not try again: it may have gone out after all.
    await callHook('telephony', handler, body);
    expect(smsVoice.commandCalls(SendTextMessageCommand)).toHaveLength(1);
  });

  it('refuses a voice call without an origination identity, so Okta falls back', async () => {
    const config = testConfig();
    const handler = createTelephonyHandler(testRuntime('telephony', config), config.hooks.telephony, {
      sender: endUserMessagingSender(config.hooks.telephony),
      idempotency: test.table,
    });
    const answer = await callHook('telephony', handler, request('telephony.edge.request.json'));
    expect(errorOf(answer)).toMatchObject({ errorCauses: [{ reason: 'VOICE_NEEDS_ORIGINATION_IDENTITY' }] });
    expect(smsVoice.commandCalls(SendVoiceMessageCommand)).toHaveLength(0);
  });

  it('sends SMS through SNS, and refuses voice there', async () => {
    const sms = await callHook('telephony', telephonyHandler({ provider: 'sns' }), request());
    expect(commandsOf(sms)).toEqual(successful('sns-1', 'sms', 'Amazon SNS'));
    expect(sns.commandCalls(PublishCommand)[0]?.args[0].input).toMatchObject({ PhoneNumber: '+4915550001234' });
    const voice = await callHook('telephony', telephonyHandler({ provider: 'sns' }), request('telephony.edge.request.json'));
    expect(errorOf(voice)).toMatchObject({ errorCauses: [{ reason: 'VOICE_NOT_SUPPORTED' }] });
  });

  it('reports PENDING for accepted messages when configured', async () => {
    const answer = await callHook('telephony', telephonyHandler({ acceptedStatus: 'PENDING' }), request());
    expect(commandsOf(answer)).toEqual([
      expect.objectContaining({ value: [expect.objectContaining({ status: 'PENDING', transactionId: 'msg-sms-1' })] }),
    ]);
  });

  it('never sends when the idempotency record cannot be written', async () => {
    const down = new DynamoHookTable(createDocumentClient({ endpoint: await closedPortEndpoint(), maxAttempts: 1 }), test.name);
    const answer = await callHook('telephony', telephonyHandler({}, down), request());
    expect(errorOf(answer)).toMatchObject({ errorSummary: 'The SMS and voice provider is unavailable.' });
    expect(smsVoice.commandCalls(SendTextMessageCommand)).toHaveLength(0);
  });

  it('never writes the OTP code or the phone number to the logs', async () => {
    await callHook('telephony', telephonyHandler(), request());
    await callHook('telephony', telephonyHandler(), request('telephony.edge.request.json'));
    const text = output.text();
    for (const secret of ['482913', '907211', '15550001234', '4155550199']) expect(text).not.toContain(secret);
  });
});
