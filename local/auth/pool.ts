// The staff pool in cognito-local, built from shared/staff-pool.ts as the stack builds it on AWS, and its users.
// Every step is idempotent: a restart with the same data finds the same pool, client and users.
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
  ListGroupsCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  UserNotFoundException,
} from "@aws-sdk/client-cognito-identity-provider";
import type { Role } from "#routes";
import {
  authFlows,
  clientReadableAttributes,
  clientWritableAttributes,
  localDemoPassword,
  localDemoStaff,
  passwordPolicy,
  rolePrecedence,
  staffClientName,
  staffGroups,
  staffPoolName,
  tokenValidity,
  unitBoundRoles,
  unitIdAttribute,
  unitIdPattern,
  type DemoStaff,
} from "../../shared/staff-pool.ts";

/** cognito-local's region: its pool ids are `local_…` and its ARNs say `local`. */
export const localRegion = "local";

export interface LocalPool {
  readonly userPoolId: string;
  readonly clientId: string;
}

/** The SDK pointed at cognito-local: any credentials do, none are ever read from the environment or a profile. */
export function cognitoClient(endpoint: string): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({
    endpoint,
    region: localRegion,
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 1,
  });
}

/** Finds the staff pool and its client by name, or creates them; then the groups. */
export async function ensureStaffPool(client: CognitoIdentityProviderClient): Promise<LocalPool> {
  const pools = await client.send(new ListUserPoolsCommand({ MaxResults: 60 }));
  let userPoolId = pools.UserPools?.find((p) => p.Name === staffPoolName)?.Id;
  if (!userPoolId) {
    const created = await client.send(
      new CreateUserPoolCommand({
        PoolName: staffPoolName,
        Policies: {
          PasswordPolicy: {
            MinimumLength: passwordPolicy.minLength,
            RequireUppercase: passwordPolicy.requireUppercase,
            RequireLowercase: passwordPolicy.requireLowercase,
            RequireNumbers: passwordPolicy.requireDigits,
            RequireSymbols: passwordPolicy.requireSymbols,
            TemporaryPasswordValidityDays: passwordPolicy.temporaryPasswordValidityDays,
          },
        },
        Schema: [
          {
            Name: unitIdAttribute.name,
            AttributeDataType: "String",
            Mutable: unitIdAttribute.mutable,
            StringAttributeConstraints: { MinLength: String(unitIdAttribute.minLength), MaxLength: String(unitIdAttribute.maxLength) },
          },
        ],
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      }),
    );
    userPoolId = created.UserPool!.Id!;
  }
  const clients = await client.send(new ListUserPoolClientsCommand({ UserPoolId: userPoolId, MaxResults: 60 }));
  let clientId = clients.UserPoolClients?.find((c) => c.ClientName === staffClientName)?.ClientId;
  if (!clientId) {
    const created = await client.send(
      new CreateUserPoolClientCommand({
        UserPoolId: userPoolId,
        ClientName: staffClientName,
        GenerateSecret: false,
        ExplicitAuthFlows: [
          ...(authFlows.userPassword ? ["ALLOW_USER_PASSWORD_AUTH" as const] : []),
          ...(authFlows.userSrp ? ["ALLOW_USER_SRP_AUTH" as const] : []),
          "ALLOW_REFRESH_TOKEN_AUTH",
        ],
        IdTokenValidity: tokenValidity.idTokenMinutes,
        AccessTokenValidity: tokenValidity.accessTokenMinutes,
        RefreshTokenValidity: tokenValidity.refreshTokenDays,
        TokenValidityUnits: { IdToken: "minutes", AccessToken: "minutes", RefreshToken: "days" },
        ReadAttributes: [...clientReadableAttributes],
        WriteAttributes: [...clientWritableAttributes],
        PreventUserExistenceErrors: "ENABLED",
      }),
    );
    clientId = created.UserPoolClient!.ClientId!;
  }
  const groups = await client.send(new ListGroupsCommand({ UserPoolId: userPoolId }));
  const existing = new Set(groups.Groups?.map((g) => g.GroupName));
  for (const group of staffGroups.filter((g) => !existing.has(g))) {
    await client.send(
      new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: group, Precedence: rolePrecedence.indexOf(group) }),
    );
  }
  return { userPoolId, clientId };
}

export interface StaffUser {
  readonly username: string;
  readonly role: Role;
  readonly unitId?: string | undefined;
  readonly password: string;
}

/** Makes `user` exist with exactly that role (group), that unit (or none) and that permanent password. */
export async function ensureStaffUser(client: CognitoIdentityProviderClient, userPoolId: string, user: StaffUser): Promise<void> {
  if (unitBoundRoles.includes(user.role) && !user.unitId) throw new Error(`a ${user.role} needs a unit`);
  if (user.unitId !== undefined && !unitIdPattern.test(user.unitId)) throw new Error(`not a unit id: ${user.unitId}`);
  const unit = { Name: unitIdAttribute.claim, Value: user.unitId ?? "" };
  const current = await client
    .send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: user.username }))
    .catch((err: unknown) => {
      if (err instanceof UserNotFoundException) return undefined;
      throw err;
    });
  if (!current) {
    await client.send(
      new AdminCreateUserCommand({
        UserPoolId: userPoolId,
        Username: user.username,
        MessageAction: "SUPPRESS",
        UserAttributes: user.unitId ? [unit] : [],
      }),
    );
  } else if ((current.UserAttributes?.find((a) => a.Name === unit.Name)?.Value ?? "") !== unit.Value) {
    // An empty value is how Cognito removes an attribute through this call.
    await client.send(new AdminUpdateUserAttributesCommand({ UserPoolId: userPoolId, Username: user.username, UserAttributes: [unit] }));
  }
  await client.send(
    new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: user.username, Password: user.password, Permanent: true }),
  );
  const groups = await client.send(new AdminListGroupsForUserCommand({ UserPoolId: userPoolId, Username: user.username }));
  const names = groups.Groups?.map((g) => g.GroupName) ?? [];
  for (const other of names.filter((g) => g !== user.role)) {
    await client.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: userPoolId, Username: user.username, GroupName: other }));
  }
  if (!names.includes(user.role)) {
    await client.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: user.username, GroupName: user.role }));
  }
}

/** LOCAL ONLY: the demo staff of shared/staff-pool.ts, each with the local demo password. */
export async function ensureDemoStaff(client: CognitoIdentityProviderClient, userPoolId: string): Promise<readonly DemoStaff[]> {
  for (const staff of localDemoStaff) await ensureStaffUser(client, userPoolId, { ...staff, password: localDemoPassword });
  return localDemoStaff;
}

export interface SignedIn {
  readonly idToken: string;
  readonly accessToken: string;
}

/** USER_PASSWORD_AUTH, as a staff tool signs in; the ID token is the bearer the staff routes take. */
export async function signIn(client: CognitoIdentityProviderClient, clientId: string, username: string, password: string): Promise<SignedIn> {
  const result = await client.send(
    new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: username, PASSWORD: password } }),
  );
  const idToken = result.AuthenticationResult?.IdToken;
  const accessToken = result.AuthenticationResult?.AccessToken;
  if (!idToken || !accessToken) throw new Error(`signing in as ${username} did not give tokens (challenge ${result.ChallengeName ?? "none"})`);
  return { idToken, accessToken };
}
