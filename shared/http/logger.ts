// One structured logger. Log lines never carry request bodies, headers or anything a citizen wrote.
import { Logger } from "@aws-lambda-powertools/logger";

export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? "don-thu" });
