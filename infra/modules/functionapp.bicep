// The Chorus Function App on the Flex Consumption plan: .NET 10 isolated worker, system-assigned identity, deployment
// package in a blob container reached with that identity, and app settings that mirror the self-host's configuration.
// Storage is identity-based (AzureWebJobsStorage__accountName); secrets are Key Vault references.

import { chorusSettings, keyVaultReference } from 'settings.bicep'

@description('Function App name.')
param name string

@description('Flex Consumption plan name.')
param planName string

@description('Region.')
param location string

@description('Tags for every resource.')
param tags object

@description('Storage account name (host storage, Durable task hub, artefacts).')
param storageAccountName string

@description('Blob endpoint of that account, e.g. https://NAME.blob.core.windows.net/.')
param blobEndpoint string

@description('Table endpoint of that account, e.g. https://NAME.table.core.windows.net/: the post and mention list indexes.')
param tableEndpoint string

@description('Blob container holding the deployment package.')
param deploymentContainerName string

@description('Blob container the pipeline writes artefacts to.')
param artefactsContainerName string

@description('Application Insights connection string.')
param appInsightsConnectionString string

@description('Azure AI Language endpoint.')
param languageEndpoint string

@description('Key Vault secret URI of the approval-link signing key.')
param linkSigningKeySecretUri string

@description('Key Vault secret URI of the SMTP password.')
param smtpCredentialUri string

@description('Key Vault secret URI of the default API client key.')
param apiKeySecretUri string

@description('SMTP server host name.')
param smtpHost string

@description('SMTP server port.')
param smtpPort int

@description('SMTP user name.')
param smtpUserName string

@description('Sender address of every email.')
param mailFromAddress string

@description('Public base URL for approval links; empty means this app\'s default host name.')
param publicBaseUrl string

@description('Mention sources by name, each an object of its non-secret Mentions:Sources:NAME settings (Kind, Endpoint, Query, Schedule as cron with 5 fields or 6 with seconds first, ...).')
param mentionSources object

@description('When the daily digest of positive mentions is sent (six-field NCRONTAB, UTC).')
param mentionDigestSchedule string

@description('Who receives the daily digest of positive mentions; none: no digest.')
param mentionDigestRecipients array

@description('Publishing accounts by name, each an object of its non-secret Publishing:Accounts:NAME settings (Network, BaseUrl, Channel, Identifier).')
param publishingAccounts object

@description('App setting name and Key Vault secret URI of each publishing account secret (AccessToken, AppPassword).')
param publishingSecretSettings array

@description('Most instances the app scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Memory per instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'functions' })
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'SystemAssignedIdentity'
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

resource ftp 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scm 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

// The settings the dashboard web app shares, and the work's own: this app polls, digests and publishes.
var baseSettings = union(
  chorusSettings(
    storageAccountName,
    blobEndpoint,
    tableEndpoint,
    artefactsContainerName,
    appInsightsConnectionString,
    languageEndpoint,
    smtpHost,
    smtpPort,
    smtpUserName,
    smtpCredentialUri,
    mailFromAddress,
    linkSigningKeySecretUri,
    apiKeySecretUri,
    empty(publicBaseUrl) ? 'https://${site.properties.defaultHostName}/' : publicBaseUrl
  ),
  { AzureWebJobsStorage__accountName: storageAccountName }
)

// Mention sources: any names; the PollMentions timer (src/Chorus.Functions/Functions/MonitorFunctions.cs) runs every
// minute and polls each source when its own Schedule comes round.
var configuredSourceSettings = toObject(
  flatten(map(items(mentionSources), source => map(items(source.value), setting => {
    key: 'Mentions__Sources__${source.key}__${setting.key}'
    value: string(setting.value)
  }))),
  entry => entry.key,
  entry => entry.value
)

// %Mentions:Digest:Schedule% schedules the SendMentionDigest function.
var digestSettings = union(
  { Mentions__Digest__Schedule: mentionDigestSchedule },
  toObject(range(0, length(mentionDigestRecipients)), i => 'Mentions__Digest__Recipients__${i}', i => string(mentionDigestRecipients[i]))
)

// Publishing accounts: the plain settings as given, the secrets as Key Vault references. None: authors post by hand.
var publishingSettings = union(
  toObject(
    flatten(map(items(publishingAccounts), account => map(items(account.value), setting => {
      key: 'Publishing__Accounts__${account.key}__${setting.key}'
      value: string(setting.value)
    }))),
    entry => entry.key,
    entry => entry.value
  ),
  toObject(publishingSecretSettings, secret => secret.setting, secret => keyVaultReference(secret.uri))
)

resource appSettings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: site
  name: 'appsettings'
  properties: union(baseSettings, digestSettings, configuredSourceSettings, publishingSettings)
}

@description('Function App name.')
output name string = site.name

@description('Function App base URL.')
output url string = 'https://${site.properties.defaultHostName}/'

@description('Principal id of the system-assigned identity.')
output principalId string = site.identity.principalId
