// The app settings both Chorus apps share (the Function App that runs the work, and the dashboard web app that serves
// the pages beside it): configuration keys are the self-host's (Section:Key), written Section__Key for app settings;
// secrets are Key Vault references. One function, so the two apps can never disagree on storage, mail or keys.

@export()
@description('Settings shared by the Function App and the dashboard web app.')
func chorusSettings(
  storageAccountName string,
  blobEndpoint string,
  tableEndpoint string,
  artefactsContainerName string,
  appInsightsConnectionString string,
  languageEndpoint string,
  smtpHost string,
  smtpPort int,
  smtpUserName string,
  smtpCredentialUri string,
  mailFromAddress string,
  linkSigningKeySecretUri string,
  apiKeySecretUri string,
  publicBaseUrl string
) object => {
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD'
  Artefacts__BlobServiceUri: blobEndpoint
  Artefacts__ContainerName: artefactsContainerName
  Artefacts__TableServiceUri: tableEndpoint
  Sentiment__Provider: 'AzureLanguage'
  Sentiment__AzureLanguage__Endpoint: languageEndpoint
  Sentiment__AzureLanguage__UseManagedIdentity: 'true'
  Mail__Host: smtpHost
  Mail__Port: string(smtpPort)
  Mail__UserName: smtpUserName
  Mail__Password: keyVaultReference(smtpCredentialUri)
  Mail__FromAddress: mailFromAddress
  Approvals__Links__SigningKeys__k1: keyVaultReference(linkSigningKeySecretUri)
  Approvals__Links__ActiveKeyId: 'k1'
  Approvals__Links__PublicBaseUrl: publicBaseUrl
  Api__Keys__default: keyVaultReference(apiKeySecretUri)
}

@export()
@description('An app setting value that App Service reads from Key Vault with the app\'s identity.')
func keyVaultReference(secretUri string) string => '@Microsoft.KeyVault(SecretUri=${secretUri})'
