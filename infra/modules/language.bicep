// Azure AI Language (kind TextAnalytics) for sentiment with opinion mining. Key auth is off: the Function App calls it
// with its managed identity (role Cognitive Services User), which needs the custom subdomain endpoint.

@description('Account name; also its custom subdomain (https://NAME.cognitiveservices.azure.com/).')
param name string

@description('Region.')
param location string

@description('Tags for every resource.')
param tags object

@description('Pricing tier: F0 (free, one per subscription) or S.')
@allowed([
  'F0'
  'S'
])
param skuName string = 'S'

resource language 'Microsoft.CognitiveServices/accounts@2025-06-01' = {
  name: name
  location: location
  tags: tags
  kind: 'TextAnalytics'
  sku: {
    name: skuName
  }
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    customSubDomainName: name
    disableLocalAuth: true
    publicNetworkAccess: 'Enabled'
  }
}

@description('Language account resource id.')
output id string = language.id

@description('Language account name.')
output name string = language.name

@description('Endpoint for the analyze-text REST API.')
output endpoint string = language.properties.endpoint
