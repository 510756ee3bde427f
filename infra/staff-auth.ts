// Staff identities: a Cognito user pool whose groups are the roles of the route manifest, a unit
// attribute that only administrators may set, and the client the staff console signs in with.
import { Duration, RemovalPolicy, Validations } from "aws-cdk-lib";
import * as cognito from "aws-cdk-lib/aws-cognito";
import { Construct } from "constructs";
import { roles } from "#routes";
import {
  authFlows,
  clientReadableAttributes,
  clientWritableAttributes,
  passwordPolicy,
  rolePrecedence,
  signInCaseSensitive,
  tokenValidity,
  unitIdAttribute,
} from "../shared/staff-pool.ts";

const roleDescriptions: Record<(typeof roles)[number], string> = {
  reception: "Tiếp công dân / reception: registers and classifies letters",
  handler: "Xử lý đơn / handler: works the cases of its unit (custom:unitId)",
  inspector: "Thanh tra / inspector: reads everything, reviews overdue cases, reports",
  admin: "Quản trị / admin: units, staff, calendar, deadline policy",
};

export class StaffAuth extends Construct {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    this.userPool = new cognito.UserPool(this, "UserPool", {
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      signInCaseSensitive,
      // Nothing required: Cognito insists that a client can write every required attribute, and this client
      // writes almost none (see writeAttributes below). Administrators always create staff with an email.
      standardAttributes: { email: { required: false, mutable: true }, fullname: { required: false, mutable: true } },
      customAttributes: {
        [unitIdAttribute.name]: new cognito.StringAttribute({
          mutable: unitIdAttribute.mutable,
          minLen: unitIdAttribute.minLength,
          maxLen: unitIdAttribute.maxLength,
        }),
      },
      passwordPolicy: {
        minLength: passwordPolicy.minLength,
        requireLowercase: passwordPolicy.requireLowercase,
        requireUppercase: passwordPolicy.requireUppercase,
        requireDigits: passwordPolicy.requireDigits,
        requireSymbols: passwordPolicy.requireSymbols,
        tempPasswordValidity: Duration.days(passwordPolicy.temporaryPasswordValidityDays),
        passwordHistorySize: 5,
      },
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      // Plus plan: compromised-credential checks and adaptive authentication block risky staff sign-ins
      // (the pool guards denouncers' identities); at a provincial staff's size the cost is small.
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.userPool).acknowledge({
      id: "AwsSolutions-COG2",
      reason:
        "MFA is optional (TOTP only) until the staff console handles the MFA_SETUP challenge; meanwhile Plus-plan adaptive authentication (ENFORCED) blocks or challenges risky sign-ins. Switch mfa to REQUIRED in infra/staff-auth.ts then.",
    });

    for (const role of roles) {
      new cognito.UserPoolGroup(this, `Group-${role}`, {
        userPool: this.userPool,
        groupName: role,
        description: roleDescriptions[role],
        // The same order the handlers use to pick one role from several groups.
        precedence: rolePrecedence.indexOf(role),
      });
    }

    this.client = this.userPool.addClient("ConsoleClient", {
      generateSecret: false,
      authFlows: { ...authFlows },
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.minutes(tokenValidity.accessTokenMinutes),
      idTokenValidity: Duration.minutes(tokenValidity.idTokenMinutes),
      refreshTokenValidity: Duration.days(tokenValidity.refreshTokenDays),
      // The ID token must carry custom:unitId; a staff member must not move themselves to another
      // unit, so it is written by an administrator (AdminUpdateUserAttributes), never through this client.
      readAttributes: clientAttributes(clientReadableAttributes),
      writeAttributes: clientAttributes(clientWritableAttributes),
    });
  }

  /** The issuer URL of the pool's tokens, as a JWT authorizer expects it. */
  get issuer(): string {
    return this.userPool.userPoolProviderUrl;
  }
}

const standardAttributeNames: Record<string, keyof cognito.StandardAttributesMask> = {
  email: "email",
  email_verified: "emailVerified",
  name: "fullname",
};

/** `["email", "custom:unitId"]` → Cognito's attribute mask. */
function clientAttributes(names: readonly string[]): cognito.ClientAttributes {
  const custom = names.filter((n) => n.startsWith("custom:")).map((n) => n.slice("custom:".length));
  const standard = names
    .filter((n) => !n.startsWith("custom:"))
    .map((name) => {
      const key = standardAttributeNames[name];
      if (!key) throw new Error(`unknown standard attribute ${name} in shared/staff-pool.ts`);
      return [key, true] as const;
    });
  return new cognito.ClientAttributes().withStandardAttributes(Object.fromEntries(standard)).withCustomAttributes(...custom);
}
