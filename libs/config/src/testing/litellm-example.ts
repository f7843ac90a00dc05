/** The realistic LiteLLM config of the reference notes (section 1.7), verbatim. */
export const LITELLM_EXAMPLE_YAML = `
environment_variables:
  LITELLM_LOG: "INFO"

model_list:
  # Two Azure deployments + one OpenAI deployment in the same group -> load balanced
  - model_name: gpt-4o
    litellm_params:
      model: azure/gpt-4o-eastus
      api_base: os.environ/AZURE_EASTUS_API_BASE
      api_key: os.environ/AZURE_EASTUS_API_KEY
      api_version: "2024-10-21"
      rpm: 600
      tpm: 200000
      timeout: 60
      stream_timeout: 15
    model_info:
      id: gpt4o-azure-eastus
      base_model: azure/gpt-4o-2024-08-06
  - model_name: gpt-4o
    litellm_params:
      model: azure/gpt-4o-swedencentral
      api_base: os.environ/AZURE_SWEDEN_API_BASE
      api_key: os.environ/AZURE_SWEDEN_API_KEY
      api_version: "2024-10-21"
      rpm: 300
      weight: 1
    model_info:
      id: gpt4o-azure-sweden
      base_model: azure/gpt-4o-2024-08-06
  - model_name: gpt-4o
    litellm_params:
      model: openai/gpt-4o
      api_key: os.environ/OPENAI_API_KEY
      order: 2                 # only used if order-1 deployments unavailable (enable_pre_call_checks)
  - model_name: claude-sonnet
    litellm_params:
      model: anthropic/claude-sonnet-4-5-20250929
      api_key: os.environ/ANTHROPIC_API_KEY
  - model_name: claude-sonnet-bedrock
    litellm_params:
      model: bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0
      aws_region_name: us-west-2
      aws_access_key_id: os.environ/AWS_ACCESS_KEY_ID
      aws_secret_access_key: os.environ/AWS_SECRET_ACCESS_KEY
  - model_name: gemini-flash
    litellm_params:
      model: vertex_ai/gemini-2.5-flash
      vertex_project: my-gcp-project
      vertex_location: us-central1
      vertex_credentials: os.environ/VERTEX_SA_JSON
  - model_name: text-embedding-3-small
    litellm_params:
      model: openai/text-embedding-3-small
      api_key: os.environ/OPENAI_API_KEY
    model_info:
      mode: embedding
  - model_name: local-llama
    litellm_params:
      model: hosted_vllm/meta-llama/Llama-3.1-8B-Instruct
      api_base: http://vllm:8000/v1
    model_info:
      input_cost_per_token: 0
      output_cost_per_token: 0
      max_input_tokens: 8192
  - model_name: fake-openai-endpoint            # used by LiteLLM's own e2e tests
    litellm_params:
      model: openai/fake
      api_key: fake-key
      api_base: https://exampleopenaiendpoint-production.up.railway.app/

litellm_settings:
  drop_params: true
  num_retries: 2
  request_timeout: 600
  callbacks: ["prometheus"]
  cache: true
  cache_params:
    type: redis
    host: os.environ/REDIS_HOST
    port: os.environ/REDIS_PORT
    password: os.environ/REDIS_PASSWORD
    namespace: "litellm.caching"
    ttl: 600
    mode: default_off                 # opt-in per request with {"cache": {"use-cache": true}}
    supported_call_types: ["acompletion", "atext_completion", "aembedding"]
  context_window_fallbacks: [{"gpt-4o": ["claude-sonnet"]}]
  content_policy_fallbacks: [{"gpt-4o": ["claude-sonnet"]}]
  max_budget: 1000
  budget_duration: 30d
  max_end_user_budget: 5
  upperbound_key_generate_params:
    max_budget: 100
    duration: "90d"
  timezone: "UTC"

router_settings:
  routing_strategy: simple-shuffle
  num_retries: 2
  timeout: 60
  allowed_fails: 3
  cooldown_time: 30
  enable_pre_call_checks: true
  fallbacks: [{"claude-sonnet": ["claude-sonnet-bedrock"]}]
  redis_host: os.environ/REDIS_HOST
  redis_port: os.environ/REDIS_PORT
  redis_password: os.environ/REDIS_PASSWORD
  model_group_alias: {"gpt-4": "gpt-4o"}
  retry_policy: {"RateLimitErrorRetries": 3, "TimeoutErrorRetries": 1, "AuthenticationErrorRetries": 0}

general_settings:
  master_key: os.environ/LITELLM_MASTER_KEY        # sk-...
  database_url: os.environ/DATABASE_URL
  database_connection_pool_limit: 10
  store_model_in_db: true
  proxy_batch_write_at: 10
  use_redis_transaction_buffer: true
  alerting: ["slack"]
  alerting_threshold: 300
  alert_types: ["llm_exceptions", "llm_too_slow", "llm_requests_hanging", "budget_alerts", "db_exceptions", "cooldown_deployment", "outage_alerts"]
  maximum_spend_logs_retention_period: "30d"
  background_health_checks: true
  health_check_interval: 300
  allow_requests_on_db_unavailable: false
`;

/** The same config with the providers this build lacks replaced by openai/azure deployments. */
export const SUPPORTED_EXAMPLE_YAML = LITELLM_EXAMPLE_YAML.replace(
  'model: anthropic/claude-sonnet-4-5-20250929',
  'model: openai/gpt-4.1',
)
  .replace(
    `model: bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0
      aws_region_name: us-west-2`,
    `model: azure/gpt-4.1-westus
      api_base: https://westus.example.openai.azure.com/
      api_version: "2024-10-21"
      aws_region_name: us-west-2`,
  )
  .replace('model: vertex_ai/gemini-2.5-flash', 'model: openai/gpt-4o-mini')
  .replace(
    'model: hosted_vllm/meta-llama/Llama-3.1-8B-Instruct',
    'model: openai/meta-llama/Llama-3.1-8B-Instruct',
  );

/** Environment for the example's `os.environ/` references (fake secrets, recognisable in output). */
export const EXAMPLE_ENV: Readonly<Record<string, string>> = {
  AZURE_EASTUS_API_BASE: 'https://eastus.example.openai.azure.com/',
  AZURE_EASTUS_API_KEY: 'azure-eastus-secret-1111',
  AZURE_SWEDEN_API_BASE: 'https://sweden.example.openai.azure.com/',
  AZURE_SWEDEN_API_KEY: 'azure-sweden-secret-2222',
  OPENAI_API_KEY: 'sk-openai-secret-3333',
  ANTHROPIC_API_KEY: 'anthropic-secret-4444',
  AWS_ACCESS_KEY_ID: 'AKIA-secret-5555',
  AWS_SECRET_ACCESS_KEY: 'aws-secret-6666',
  VERTEX_SA_JSON: '{"private_key":"vertex-secret-7777"}',
  REDIS_HOST: 'redis.internal',
  REDIS_PORT: '6380',
  REDIS_PASSWORD: 'redis-secret-8888',
  LITELLM_MASTER_KEY: 'sk-master-secret-9999',
  DATABASE_URL: 'postgres://user:db-secret-0000@db:5432/litellm',
};
