// Key Vault (RBAC authorization) for the secrets the app reads through Key Vault references: the approval-link
// signing key, the SMTP password, the API key of the first API client, and the publishing accounts' tokens and app
// passwords. Only their URIs leave this module.

@description('Key Vault name (3-24 letters, digits and hyphens, globally unique).')
param name string

@description('Region.')
param location string

@description('Tags for every resource.')
param tags object

@description('Approval-link signing key: base64 of at least 32 random bytes (e.g. `openssl rand -base64 32`).')
@secure()
param linkSigningKey string

@description('SMTP password for Mail:UserName.')
@secure()
param smtpPassword string

@description('API key of the first API client (Api:Keys:default), at least 16 characters.')
@secure()
param apiKey string

@description('Publishing accounts\' secrets by account name, e.g. { company: { AccessToken: \'...\' } }.')
@secure()
param publishingSecrets object = {}

@description('Whether purge protection is on (irreversible once enabled; on for production).')
param enablePurgeProtection bool = true

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: enablePurgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
  }
}

resource signingKey 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = {
  parent: vault
  name: 'approval-link-signing-key'
  properties: {
    value: linkSigningKey
    contentType: 'base64 HMAC-SHA256 key'
  }
}

resource smtp 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = {
  parent: vault
  name: 'smtp-password'
  properties: {
    value: smtpPassword
  }
}

resource api 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = {
  parent: vault
  name: 'api-key-default'
  properties: {
    value: apiKey
  }
}

// One secret per account and setting, named publishing-ACCOUNT-setting; the app setting that references it is
// Publishing__Accounts__ACCOUNT__Setting.
var publishingSecretList = flatten(map(items(publishingSecrets), account => map(items(account.value), secret => {
  name: 'publishing-${account.key}-${toLower(secret.key)}'
  setting: 'Publishing__Accounts__${account.key}__${secret.key}'
  value: string(secret.value)
})))

resource publishing 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = [for secret in publishingSecretList: {
  parent: vault
  name: secret.name
  properties: {
    value: secret.value
  }
}]

@description('Key Vault resource id.')
output id string = vault.id

@description('Key Vault name.')
output name string = vault.name

@description('Key Vault URI.')
output uri string = vault.properties.vaultUri

@description('Versionless URI of the approval-link signing key secret.')
output linkSigningKeySecretUri string = signingKey.properties.secretUri

@description('Versionless URI of the SMTP credential secret.')
output smtpCredentialUri string = smtp.properties.secretUri

@description('Versionless URI of the default API key secret.')
output apiKeySecretUri string = api.properties.secretUri

@description('App setting name and versionless secret URI of each publishing secret.')
output publishingSecretSettings array = [for (secret, i) in publishingSecretList: {
  setting: secret.setting
  uri: publishing[i].properties.secretUri
}]
