// The order service's Azure twin: a Function app whose settings come from Key Vault.
@secure()
param stripeApiKey string

param location string = resourceGroup().location

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: 'orders-kv'
}

resource stripeSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'stripe-api-key'
  properties: {
    value: stripeApiKey
    attributes: { exp: 1798761600 }
  }
}

resource orders 'Microsoft.Web/sites@2023-12-01' = {
  name: 'orders-fn'
  location: location
  kind: 'functionapp'
  identity: { type: 'SystemAssigned' }
  properties: {
    siteConfig: {
      appSettings: [
        { name: 'FUNCTIONS_WORKER_RUNTIME', value: 'node' }
        { name: 'STRIPE_API_KEY', value: '@Microsoft.KeyVault(SecretUri=${stripeSecret.properties.secretUri})' }
        // MISTAKE(env): the database password is written into the app settings.
        { name: 'DB_PASSWORD', value: 'Az-Orders-Db-Passw0rd-2024' }
      ]
    }
  }
}
