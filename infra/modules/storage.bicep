// Storage for Chorus: the Functions host and the Durable task hub (Azure Storage provider), the artefacts written
// once by the pipeline, a write-once audit container, and the Flex Consumption deployment package container.
// Shared-key access is off: every client (the app, the Durable extension, the platform's deployment) uses its
// managed identity.

@description('Storage account name (3-24 lowercase letters and digits, globally unique).')
param name string

@description('Region.')
param location string

@description('Tags for every resource.')
param tags object

@description('Blob container the pipeline writes artefacts to (the app setting Artefacts:ContainerName).')
param artefactsContainerName string

@description('Blob container for the audit trail: time-based retention (WORM) with protected appends.')
param auditContainerName string

@description('Blob container holding the Function App deployment package (Flex Consumption).')
param deploymentContainerName string

@description('Durable task hub name as in host.json (extensions.durableTask.hubName); its containers are created up front.')
param taskHubName string

@description('Days after which artefacts move to the cool tier.')
@minValue(1)
param artefactsCoolAfterDays int = 30

@description('Days after which artefacts are deleted.')
@minValue(1)
param artefactsDeleteAfterDays int = 365

@description('Days each audit blob is kept immutable after it is created.')
@minValue(1)
@maxValue(146000)
param auditRetentionDays int = 2555

resource account 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    allowCrossTenantReplication: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource blobs 'Microsoft.Storage/storageAccounts/blobServices@2025-06-01' = {
  parent: account
  name: 'default'
  properties: {
    deleteRetentionPolicy: {
      enabled: true
      days: 7
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: 7
    }
  }
}

resource artefacts 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = {
  parent: blobs
  name: artefactsContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource audit 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = {
  parent: blobs
  name: auditContainerName
  properties: {
    publicAccess: 'None'
  }
}

// Unlocked on purpose: locking a time-based retention policy is irreversible and is an operator's decision.
resource auditImmutability 'Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies@2025-06-01' = {
  parent: audit
  name: 'default'
  properties: {
    immutabilityPeriodSinceCreationInDays: auditRetentionDays
    allowProtectedAppendWrites: true
  }
}

resource deployment 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = {
  parent: blobs
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

// The Azure Storage provider names its blob containers after the lower-cased hub name.
resource hubLeases 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = {
  parent: blobs
  name: '${toLower(taskHubName)}-leases'
  properties: {
    publicAccess: 'None'
  }
}

resource hubLargeMessages 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = {
  parent: blobs
  name: '${toLower(taskHubName)}-largemessages'
  properties: {
    publicAccess: 'None'
  }
}

resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2025-06-01' = {
  parent: account
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'artefacts-to-cool'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
              ]
              prefixMatch: [
                '${artefacts.name}/'
              ]
            }
            actions: {
              baseBlob: {
                tierToCool: {
                  daysAfterCreationGreaterThan: artefactsCoolAfterDays
                }
              }
            }
          }
        }
        {
          name: 'delete-old-artefacts'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
                'appendBlob'
              ]
              prefixMatch: [
                '${artefacts.name}/'
              ]
            }
            actions: {
              baseBlob: {
                delete: {
                  daysAfterCreationGreaterThan: artefactsDeleteAfterDays
                }
              }
            }
          }
        }
      ]
    }
  }
}

@description('Storage account name.')
output name string = account.name

@description('Storage account resource id.')
output id string = account.id

@description('Blob endpoint, e.g. https://NAME.blob.core.windows.net/.')
output blobEndpoint string = account.properties.primaryEndpoints.blob

@description('Queue endpoint.')
output queueEndpoint string = account.properties.primaryEndpoints.queue

@description('Table endpoint.')
output tableEndpoint string = account.properties.primaryEndpoints.table

@description('Artefacts container name.')
output artefactsContainerName string = artefacts.name

@description('Audit container name.')
output auditContainerName string = audit.name

@description('Deployment package container name.')
output deploymentContainerName string = deployment.name

@description('Task hub container names created up front.')
output taskHubContainers array = [
  hubLeases.name
  hubLargeMessages.name
]
