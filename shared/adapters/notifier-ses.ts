// The Notifier on AWS: Amazon SES (API v2 SendEmail) from the verified sender NOTIFY_FROM.
import { SendEmailCommand, SESv2Client } from "@aws-sdk/client-sesv2";
import type { Notifier, OutgoingMessage } from "#domain/notifications.ts";

export class SesNotifier implements Notifier {
  constructor(
    private readonly from: string,
    private readonly ses = new SESv2Client({}),
  ) {}

  async send(message: OutgoingMessage): Promise<void> {
    const utf8 = (Data: string) => ({ Data, Charset: "UTF-8" });
    await this.ses.send(
      new SendEmailCommand({
        FromEmailAddress: this.from,
        Destination: { ToAddresses: [message.to] },
        Content: {
          Simple: {
            Subject: utf8(message.subject),
            Body: { Text: utf8(message.text), ...(message.html !== undefined && { Html: utf8(message.html) }) },
          },
        },
      }),
    );
  }
}
