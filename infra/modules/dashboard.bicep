// The Chorus dashboard on Azure: the self-host (src/Chorus.Host) in web-only mode (SelfHost:RunsWork=false) on a Linux
// App Service plan, beside the Function App. It serves the dashboard pages, the API and the approval pages from the
// same storage and task hub, and runs no orchestration, poll or digest: the Function App does the work, and a decision
// made on a page reaches its orchestration through the task hub's queues. The Functions app cannot serve the pages
// itself (see README, "The dashboard"). Sign-in is Entra ID over OpenID Connect, with the app roles Viewer, Approver and
// Admin of the given app registration.

import { chorusSettings } from 'settings.bicep'

@description('Web app name.')
param name string

@description('App Service plan name.')
param planName string

@description('Region.')
param location string

@description('Tags for every resource.')
param tags object

@description('App Service plan size: B1 is enough for a team\'s dashboard.')
param skuName string = 'B1'

@description('Storage account name (task hub, artefacts, read models).')
param storageAccountName string

@description('Blob endpoint of that account.')
param blobEndpoint string

@description('Table endpoint of that account: the read models the pages read.')
param tableEndpoint string

@description('Blob container the pipeline writes artefacts to.')
param artefactsContainerName string

@description('Application Insights connection string.')
param appInsightsConnectionString string

@description('Azure AI Language endpoint (the API\'s /api/posts/check scores with it, as the Function App does).')
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

@description('The Function App\'s public base URL: approval links keep pointing there.')
param approvalBaseUrl string

@description('Entra ID tenant (directory) id of the dashboard\'s app registration.')
param entraTenantId string

@description('Client id of the dashboard\'s app registration (redirect URI https://NAME.azurewebsites.net/dashboard/signin-oidc, app roles Viewer, Approver, Admin).')
param entraClientId string

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: skuName
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'dashboard' })
  kind: 'app,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'DOTNETCORE|10.0'
      alwaysOn: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      healthCheckPath: '/healthz'
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

resource appSettings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: site
  name: 'appsettings'
  properties: union(
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
      approvalBaseUrl
    ),
    {
      SelfHost__RunsWork: 'false'
      Durable__AccountName: storageAccountName
      Dashboard__Entra__TenantId: entraTenantId
      Dashboard__Entra__ClientId: entraClientId
    }
  )
}

@description('Dashboard web app name.')
output name string = site.name

@description('The dashboard\'s address.')
output url string = 'https://${site.properties.defaultHostName}/dashboard'

@description('Principal id of the system-assigned identity.')
output principalId string = site.identity.principalId
