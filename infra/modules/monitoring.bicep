// Log Analytics workspace and workspace-based Application Insights. Local (key) ingestion is off: the Function App
// sends telemetry with its managed identity (APPLICATIONINSIGHTS_AUTHENTICATION_STRING=Authorization=AAD).

@description('Log Analytics workspace name.')
param workspaceName string

@description('Application Insights component name.')
param appInsightsName string

@description('Region.')
param location string

@description('Tags for every resource.')
param tags object

@description('Days Log Analytics keeps data.')
@minValue(30)
@maxValue(730)
param retentionInDays int = 30

resource workspace 'Microsoft.OperationalInsights/workspaces@2025-02-01' = {
  name: workspaceName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    DisableLocalAuth: true
  }
}

@description('Application Insights resource id.')
output appInsightsId string = appInsights.id

@description('Application Insights name.')
output appInsightsName string = appInsights.name

@description('Application Insights connection string (not a secret: ingestion needs an Entra token since local auth is off).')
output appInsightsConnectionString string = appInsights.properties.ConnectionString

@description('Log Analytics workspace resource id.')
output workspaceId string = workspace.id
