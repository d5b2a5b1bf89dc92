// Chorus on Azure: the Functions app (Flex Consumption) with everything it needs, for `azd up` (see azure.yaml).
// Names default to '<abbreviation>-<environment>-<token>' with a token unique to subscription, environment and
// region; every name can be set instead. Secrets come in as secure parameters and go only to Key Vault.
targetScope = 'subscription'

@description('azd environment name; part of every default name and the azd-env-name tag.')
@minLength(1)
@maxLength(40)
param environmentName string

@description('Region for every resource.')
param location string

@description('Resource group name.')
param resourceGroupName string = ''

@description('Storage account name.')
param storageAccountName string = ''

@description('Function App name.')
param functionAppName string = ''

@description('Flex Consumption plan name.')
param planName string = ''

@description('Azure AI Language account name (also its custom subdomain).')
param languageAccountName string = ''

@description('Key Vault name.')
param keyVaultName string = ''

@description('Log Analytics workspace name.')
param logAnalyticsName string = ''

@description('Application Insights name.')
param appInsightsName string = ''

@description('Azure AI Language pricing tier.')
@allowed([
  'F0'
  'S'
])
param languageSku string = 'S'

@description('Days after which artefacts are deleted by the lifecycle policy.')
@minValue(1)
param artefactsDeleteAfterDays int = 365

@description('Days each audit blob stays immutable.')
@minValue(1)
param auditRetentionDays int = 2555

@description('Whether Key Vault purge protection is on (irreversible; turn off only for throwaway environments).')
param keyVaultPurgeProtection bool = true

@description('Approval-link signing key: base64 of at least 32 random bytes.')
@secure()
param linkSigningKey string

@description('SMTP password.')
@secure()
param smtpPassword string

@description('API key of the first API client (header X-Api-Key), at least 16 characters.')
@secure()
param apiKey string

@description('SMTP server host name.')
param smtpHost string

@description('SMTP server port (587 with STARTTLS is typical).')
param smtpPort int = 587

@description('SMTP user name.')
param smtpUserName string

@description('Sender address of every email.')
param mailFromAddress string

@description('Public base URL for approval links (a custom domain); empty uses the Function App\'s host name.')
param publicBaseUrl string = ''

@description('Mention sources by name (any lowercase name; each is polled when its Schedule comes round): their non-secret Mentions:Sources:NAME settings, e.g. { \'google-alerts\': { Kind: \'Rss\', Endpoint: \'https://...\', Schedule: \'0 */15 * * * *\' } }. Tokens and app passwords go in Key Vault, referenced from an extra app setting.')
param mentionSources object = {}

@description('Publishing accounts by name (lowercase letters, digits and hyphens): their non-secret Publishing:Accounts:NAME settings, e.g. { company: { Network: \'mastodon\', BaseUrl: \'https://mastodon.social\' }, sky: { Network: \'bluesky\', Identifier: \'company.bsky.social\' } }. None: every approved post is left to its author to post.')
param publishingAccounts object = {}

@description('The publishing accounts\' secrets by account name, kept in Key Vault and read through Key Vault references, e.g. { company: { AccessToken: \'...\' }, sky: { AppPassword: \'...\' } }.')
@secure()
param publishingSecrets object = {}

@description('Entra ID app registration client id for the dashboard web app (app roles Viewer, Approver, Admin); empty deploys no dashboard.')
param dashboardEntraClientId string = ''

@description('Entra ID tenant of that app registration; empty: the deploying subscription\'s tenant.')
param dashboardEntraTenantId string = ''

@description('Dashboard web app name.')
param dashboardAppName string = ''

@description('When the daily digest of positive mentions is sent (six-field NCRONTAB, UTC).')
param mentionDigestSchedule string = '0 0 8 * * *'

@description('Who receives the daily digest of positive mentions; empty sends none.')
param mentionDigestRecipients array = []

var token = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
  application: 'chorus'
}
// host.json extensions.durableTask.hubName
var taskHubName = 'ChorusHub'

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: empty(resourceGroupName) ? 'rg-${environmentName}' : resourceGroupName
  location: location
  tags: tags
}

module monitoring 'modules/monitoring.bicep' = {
  scope: rg
  params: {
    workspaceName: empty(logAnalyticsName) ? 'log-${environmentName}-${token}' : logAnalyticsName
    appInsightsName: empty(appInsightsName) ? 'appi-${environmentName}-${token}' : appInsightsName
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  scope: rg
  params: {
    name: empty(storageAccountName) ? take('st${token}', 24) : storageAccountName
    location: location
    tags: tags
    artefactsContainerName: 'chorus-artefacts'
    auditContainerName: 'chorus-audit'
    deploymentContainerName: 'app-package-${take(token, 7)}'
    taskHubName: taskHubName
    artefactsDeleteAfterDays: artefactsDeleteAfterDays
    auditRetentionDays: auditRetentionDays
  }
}

module language 'modules/language.bicep' = {
  scope: rg
  params: {
    name: empty(languageAccountName) ? 'lang-${environmentName}-${token}' : languageAccountName
    location: location
    tags: tags
    skuName: languageSku
  }
}

module keyVault 'modules/keyvault.bicep' = {
  scope: rg
  params: {
    name: empty(keyVaultName) ? take('kv-${token}', 24) : keyVaultName
    location: location
    tags: tags
    linkSigningKey: linkSigningKey
    smtpPassword: smtpPassword
    apiKey: apiKey
    publishingSecrets: publishingSecrets
    enablePurgeProtection: keyVaultPurgeProtection
  }
}

module functionApp 'modules/functionapp.bicep' = {
  scope: rg
  params: {
    name: empty(functionAppName) ? 'func-${environmentName}-${token}' : functionAppName
    planName: empty(planName) ? 'plan-${environmentName}-${token}' : planName
    location: location
    tags: tags
    storageAccountName: storage.outputs.name
    blobEndpoint: storage.outputs.blobEndpoint
    tableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerName: storage.outputs.deploymentContainerName
    artefactsContainerName: storage.outputs.artefactsContainerName
    appInsightsConnectionString: monitoring.outputs.appInsightsConnectionString
    languageEndpoint: language.outputs.endpoint
    linkSigningKeySecretUri: keyVault.outputs.linkSigningKeySecretUri
    smtpCredentialUri: keyVault.outputs.smtpCredentialUri
    apiKeySecretUri: keyVault.outputs.apiKeySecretUri
    smtpHost: smtpHost
    smtpPort: smtpPort
    smtpUserName: smtpUserName
    mailFromAddress: mailFromAddress
    publicBaseUrl: publicBaseUrl
    mentionSources: mentionSources
    mentionDigestSchedule: mentionDigestSchedule
    mentionDigestRecipients: mentionDigestRecipients
    publishingAccounts: publishingAccounts
    publishingSecretSettings: keyVault.outputs.publishingSecretSettings
  }
}

module roles 'modules/roles.bicep' = {
  scope: rg
  params: {
    principalId: functionApp.outputs.principalId
    storageAccountName: storage.outputs.name
    keyVaultName: keyVault.outputs.name
    languageAccountName: language.outputs.name
    appInsightsName: monitoring.outputs.appInsightsName
  }
}

// The dashboard: the self-host serving the web only, beside the Function App (which cannot serve its pages).
module dashboard 'modules/dashboard.bicep' = if (!empty(dashboardEntraClientId)) {
  scope: rg
  params: {
    name: empty(dashboardAppName) ? 'app-${environmentName}-${token}' : dashboardAppName
    planName: 'asp-${environmentName}-${token}'
    location: location
    tags: tags
    storageAccountName: storage.outputs.name
    blobEndpoint: storage.outputs.blobEndpoint
    tableEndpoint: storage.outputs.tableEndpoint
    artefactsContainerName: storage.outputs.artefactsContainerName
    appInsightsConnectionString: monitoring.outputs.appInsightsConnectionString
    languageEndpoint: language.outputs.endpoint
    linkSigningKeySecretUri: keyVault.outputs.linkSigningKeySecretUri
    smtpCredentialUri: keyVault.outputs.smtpCredentialUri
    apiKeySecretUri: keyVault.outputs.apiKeySecretUri
    smtpHost: smtpHost
    smtpPort: smtpPort
    smtpUserName: smtpUserName
    mailFromAddress: mailFromAddress
    approvalBaseUrl: empty(publicBaseUrl) ? functionApp.outputs.url : publicBaseUrl
    entraTenantId: empty(dashboardEntraTenantId) ? tenant().tenantId : dashboardEntraTenantId
    entraClientId: dashboardEntraClientId
  }
}

// The same roles as the Function App's: it reads and writes the same storage, Key Vault references and telemetry.
module dashboardRoles 'modules/roles.bicep' = if (!empty(dashboardEntraClientId)) {
  scope: rg
  params: {
    principalId: dashboard!.outputs.principalId
    storageAccountName: storage.outputs.name
    keyVaultName: keyVault.outputs.name
    languageAccountName: language.outputs.name
    appInsightsName: monitoring.outputs.appInsightsName
  }
}

@description('Resource group name.')
output AZURE_RESOURCE_GROUP string = rg.name

@description('Function App name.')
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name

@description('Function App base URL: the API under api/, approval pages under approvals/.')
output FUNCTION_APP_URL string = functionApp.outputs.url

@description('Dashboard address (empty when no dashboard app registration was given).')
output DASHBOARD_URL string = empty(dashboardEntraClientId) ? '' : dashboard!.outputs.url

@description('Storage account name.')
output STORAGE_ACCOUNT_NAME string = storage.outputs.name

@description('Blob endpoint.')
output STORAGE_BLOB_ENDPOINT string = storage.outputs.blobEndpoint

@description('Artefacts container.')
output ARTEFACTS_CONTAINER string = storage.outputs.artefactsContainerName

@description('Audit container (write-once retention).')
output AUDIT_CONTAINER string = storage.outputs.auditContainerName

@description('Azure AI Language endpoint.')
output LANGUAGE_ENDPOINT string = language.outputs.endpoint

@description('Key Vault URI.')
output KEY_VAULT_URI string = keyVault.outputs.uri

@description('Application Insights name.')
output APPLICATION_INSIGHTS_NAME string = monitoring.outputs.appInsightsName
