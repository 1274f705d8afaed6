// Type declarations for paitient-secure-model. The API's snake_case fields are camelCase here (see README).

export const DEFAULT_BASE_URL: 'https://api.paitient.ai/v1';

export interface ClientOptions {
  /** Default: the PAITIENT_API_KEY environment variable. */
  apiKey?: string;
  /** Default: the PAITIENT_CLIENT_ID environment variable. */
  clientId?: string;
  /** Default: PAITIENT_BASE_URL, else https://api.paitient.ai/v1. */
  baseUrl?: string;
  /** Milliseconds per attempt (default 60000). */
  timeout?: number;
  /** Retries after the first attempt on 429, 5xx, refused connections and timeouts (default 2). */
  maxRetries?: number;
  /** The fetch to use (default: the global one, Node.js 18+). */
  fetch?: typeof fetch;
}

export type DeploymentStatusWord = 'creating' | 'running' | 'updating' | 'deleting' | 'deleted' | 'failed';

export interface Deployment {
  id: string;
  deploymentId: string;
  modelName: string;
  modelId?: string;
  deploymentName?: string;
  status: DeploymentStatusWord;
  statusReason?: string;
  endpoint?: string;
  computeType?: 'gpu' | 'cpu';
  instanceType?: string;
  minReplicas?: number;
  maxReplicas?: number;
  currentReplicas?: number;
  autoScaling?: boolean;
  region?: string;
  vpcConfig?: { subnetIds?: string[]; securityGroupIds?: string[]; [key: string]: unknown };
  tags?: Record<string, string>;
  modelConfig?: ModelConfig;
  securitySettings?: Record<string, unknown>;
  hosting?: { precision?: string; tensorParallelDegree?: number; [key: string]: unknown };
  createdAt: string;
  updatedAt?: string;
}

export interface ModelConfig {
  contextLength?: number;
  quantization?: string;
  defaultTemperature?: number;
  defaultTopP?: number;
  maxOutputTokens?: number;
  [key: string]: unknown;
}

export interface DeployOptions {
  modelName?: string;
  modelId?: string;
  deploymentName?: string;
  useGpu?: boolean;
  computeType?: 'gpu' | 'cpu';
  instanceType?: string;
  minReplicas?: number;
  maxReplicas?: number;
  autoScaling?: boolean;
  region?: string;
  vpcConfig?: { subnetIds?: string[]; securityGroupIds?: string[] };
  tags?: Record<string, string>;
  modelConfig?: ModelConfig;
  securitySettings?: Record<string, unknown>;
  /** Sent as Idempotency-Key; only a create with one is retried. */
  idempotencyKey?: string;
}

export interface UpdateDeploymentOptions {
  minReplicas?: number;
  maxReplicas?: number;
  autoScaling?: boolean;
  instanceType?: string;
  tags?: Record<string, string>;
  modelConfig?: ModelConfig;
}

export interface ListDeploymentsOptions {
  status?: DeploymentStatusWord;
  modelName?: string;
  region?: string;
  tags?: Record<string, string>;
  /** The page size (1-100, default 20). */
  limit?: number;
  offset?: number;
}

export interface OffsetPagination {
  total: number;
  limit: number;
  offset: number;
  nextOffset: number | null;
}

export interface DeploymentPage { deployments: Deployment[]; pagination: OffsetPagination }
export interface EndpointPage { endpoints: Endpoint[]; pagination: OffsetPagination }
export interface CanaryEndpointPage { canaryEndpoints: CanaryEndpoint[]; pagination: OffsetPagination }
export interface LogPage { logs: LogLine[]; pagination: { nextToken?: string | null } }

/** Every item of every page with `for await`; the pages themselves with `pages()`. */
export class Paginator<Item, Page> implements AsyncIterable<Item> {
  pages(): AsyncIterableIterator<Page>;
  [Symbol.asyncIterator](): AsyncIterator<Item>;
  toArray(): Promise<Item[]>;
}

export interface Deletion { id: string; deploymentId: string; status: DeploymentStatusWord }

export interface GenerateOptions {
  deploymentId: string;
  prompt: string;
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  stop?: string | string[];
}

export interface Usage { promptTokens: number; completionTokens: number; totalTokens: number }

export interface GenerationResult {
  id: string;
  deploymentId: string;
  prompt?: string;
  /** The generated text (the API's `completion`). */
  text: string;
  completion: string;
  finishReason?: string;
  usage: Usage;
}

export interface MetricsQuery {
  startTime?: string | Date;
  endTime?: string | Date;
  interval?: '1m' | '5m' | '1h' | '1d';
  /** latency, throughput, error_rate, token_usage (default: all). */
  metrics?: string | string[];
}

export interface Metrics {
  deploymentId: string;
  startTime: string;
  endTime: string;
  interval: string;
  metrics: {
    latency?: { timestamps: string[]; average: (number | null)[]; p50: (number | null)[]; p95: (number | null)[];
      p99: (number | null)[] };
    throughput?: { timestamps: string[]; requestsPerSecond: number[]; requests: number[] };
    errorRate?: { timestamps: string[]; percentage: number[] };
    tokenUsage?: { timestamps: string[]; total: number[]; input: number[]; output: number[] };
  };
  summary: Record<string, unknown>;
}

export interface LogsQuery {
  startTime?: string | Date;
  endTime?: string | Date;
  /** The page size (default 100, at most 1000). */
  limit?: number;
  order?: 'asc' | 'desc';
  /** e.g. `level=error,component=api`. */
  filter?: string;
}

export interface AuditRecord {
  timestamp: string;
  requestId: string;
  clientId: string;
  keyId?: string | null;
  deploymentId?: string | null;
  route: string;
  dialect?: string | null;
  status: number;
  promptTokens?: number;
  completionTokens?: number;
  latencyMs?: number;
}

export interface AuditPage { records: AuditRecord[]; pagination: { nextToken?: string | null } }

export interface LogLine {
  timestamp: string;
  level: 'info' | 'warning' | 'error';
  message: string;
  component?: string | null;
  requestId?: string | null;
}

export interface Model {
  id: string;
  name: string;
  version?: string;
  description?: string;
  parameters?: number;
  contextLength?: number;
  supportedFineTuning?: boolean;
}

export interface Endpoint {
  id: string;
  name: string;
  deploymentId: string;
  url: string;
  createdAt: string;
  updatedAt: string;
  status: string;
}

export interface CanaryDeployment { id: string; trafficPercentage: number }

export interface CanaryEndpoint {
  id: string;
  name: string;
  deployments: CanaryDeployment[];
  url: string;
  createdAt: string;
  updatedAt: string;
  status: string;
}

export interface EndpointDeletion { id: string; name: string; status: string }

export interface CanaryMetrics {
  id: string;
  name: string;
  startTime: string;
  endTime: string;
  interval: string;
  deployments: Array<Record<string, unknown>>;
}

export interface EndpointGenerateOptions extends Omit<GenerateOptions, 'deploymentId'> {
  endpointId: string;
  /** Sent as X-Sticky-Key: keeps one user on one deployment of a canary. */
  stickyKey?: string;
}

export type WebhookEventType =
  | 'deployment.created' | 'deployment.updated' | 'deployment.deleted' | 'deployment.status_changed'
  | 'deployment.health_changed' | 'deployment.scaling_changed' | 'deployment.error';

export interface Webhook { id: string; webhookId: string; url: string; events: WebhookEventType[]; createdAt: string }
export interface CreatedWebhook extends Webhook { secret: string }
export interface WebhookDeletion { id: string; webhookId: string; deleted: boolean }

export interface WebhookDelivery {
  eventId: string;
  webhookId: string;
  eventType: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastResponseCode?: number;
  lastError?: string;
  createdAt: string;
  lastAttemptAt?: string;
  nextAttemptAt?: string;
  deliveredAt?: string;
}

export type Scope = 'read' | 'write' | 'generate' | 'admin';

export interface ApiKey { id: string; name?: string; scopes: Scope[]; createdAt: string; last4?: string }
export interface CreatedApiKey extends ApiKey { last4: string; key: string }

export interface Subscription {
  tier: string;
  /** Tokens of the billing period. */
  usageLimit: number;
  currentUsage: number;
  periodStart: string;
  periodEnd: string;
  limits: { maxDeployments: number; maxGpuInstances: number; requestsPerMinute: number; tokensPerPeriod: number };
  usage: { tokens: number; deployments: number; gpuInstances: number };
}

export class SecureModelClient {
  constructor(options?: ClientOptions);
  readonly apiKey: string | undefined;
  readonly clientId: string | undefined;
  readonly baseUrl: string;
  readonly timeout: number;
  readonly maxRetries: number;

  listModels(): Promise<Model[]>;
  deploy(options: DeployOptions): Promise<Deployment>;
  getDeployment(deploymentId: string): Promise<Deployment>;
  getDeploymentStatus(deploymentId: string): Promise<Deployment>;
  listDeployments(options?: ListDeploymentsOptions): Paginator<Deployment, DeploymentPage>;
  updateDeployment(deploymentId: string, changes: UpdateDeploymentOptions): Promise<Deployment>;
  deleteDeployment(deploymentId: string, options?: { force?: boolean }): Promise<Deletion>;
  waitUntilRunning(deploymentId: string, options?: { timeout?: number; interval?: number }): Promise<Deployment>;
  getMetrics(deploymentId: string, query?: MetricsQuery): Promise<Metrics>;
  getLogs(deploymentId: string, query?: LogsQuery): Paginator<LogLine, LogPage>;
  getAuditRecords(query?: Omit<LogsQuery, 'filter'>): Paginator<AuditRecord, AuditPage>;

  generate(options: GenerateOptions): Promise<GenerationResult>;
  generateStream(options: GenerateOptions): AsyncGenerator<string, void, undefined>;

  createEndpoint(options: { name: string; deploymentId: string; idempotencyKey?: string }): Promise<Endpoint>;
  listEndpoints(options?: { limit?: number; offset?: number }): Paginator<Endpoint, EndpointPage>;
  getEndpoint(endpointId: string): Promise<Endpoint>;
  updateEndpoint(endpointId: string, changes: { deploymentId: string }): Promise<Endpoint>;
  deleteEndpoint(endpointId: string): Promise<EndpointDeletion>;
  generateOnEndpoint(options: EndpointGenerateOptions): Promise<GenerationResult>;
  createCanaryEndpoint(options: { name: string; deployments: CanaryDeployment[]; idempotencyKey?: string }):
    Promise<CanaryEndpoint>;
  listCanaryEndpoints(options?: { limit?: number; offset?: number }): Paginator<CanaryEndpoint, CanaryEndpointPage>;
  getCanaryEndpoint(endpointId: string): Promise<CanaryEndpoint>;
  updateCanaryEndpoint(endpointId: string, changes: { deployments: CanaryDeployment[] }): Promise<CanaryEndpoint>;
  deleteCanaryEndpoint(endpointId: string): Promise<EndpointDeletion>;
  getCanaryMetrics(endpointId: string, query?: MetricsQuery): Promise<CanaryMetrics>;

  createWebhook(options: { url: string; events: WebhookEventType[]; idempotencyKey?: string }):
    Promise<CreatedWebhook>;
  listWebhooks(): Promise<Webhook[]>;
  getWebhook(webhookId: string): Promise<Webhook>;
  deleteWebhook(webhookId: string): Promise<WebhookDeletion>;
  testWebhook(webhookId: string): Promise<{ eventId: string; [key: string]: unknown }>;
  listWebhookDeliveries(webhookId: string): Promise<WebhookDelivery[]>;
  redeliverWebhookEvent(webhookId: string, eventId: string): Promise<Record<string, unknown>>;
  static verifyWebhookSignature(secret: string, header: string, body: string | Uint8Array,
    options?: VerifyOptions): boolean;

  listApiKeys(): Promise<ApiKey[]>;
  createApiKey(options: { name?: string; scopes: Scope[]; idempotencyKey?: string }): Promise<CreatedApiKey>;
  revokeApiKey(keyId: string): Promise<{ id: string; revoked: boolean }>;

  getSubscription(): Promise<Subscription>;
}

export interface VerifyOptions {
  /** Seconds a delivery's timestamp may be from now (default 300). */
  tolerance?: number;
  /** Now, in unix seconds (default: the clock). */
  now?: number;
}

/** Checks `X-PaiTIENT-Signature: t=..,v1=..` over the raw body (HMAC-SHA256 of `t.body`, keyed with the secret). */
export function verifyWebhookSignature(secret: string, header: string, body: string | Uint8Array,
  options?: VerifyOptions): boolean;

/** The X-PaiTIENT-Signature the service would send for this body (to test a receiver). */
export function signWebhookPayload(secret: string, body: string | Uint8Array, timestamp?: number): string;

export interface ErrorOptions {
  code?: string;
  status?: number;
  requestId?: string;
  headers?: Headers;
  body?: unknown;
  cause?: unknown;
}

export class SecureModelError extends Error {
  constructor(message: string, options?: ErrorOptions);
  /** The API's error code (validation_error, resource_not_found, ...) or the SDK's (connection_error, timeout). */
  code: string | undefined;
  /** The HTTP status; undefined when no answer came. */
  status: number | undefined;
  /** The service's request id: quote it when you report a problem. */
  requestId: string | undefined;
  headers: Headers | undefined;
  body: unknown;
}
export class AuthenticationError extends SecureModelError {}
export class ValidationError extends SecureModelError {}
export class ResourceError extends SecureModelError {}
export class RateLimitError extends SecureModelError {
  constructor(message: string, options?: ErrorOptions & { retryAfter?: number });
  /** Seconds to wait (from Retry-After); undefined for a spent quota. */
  retryAfter: number | undefined;
}
export class ServiceError extends SecureModelError {}

declare const sdk: {
  SecureModelClient: typeof SecureModelClient;
  DEFAULT_BASE_URL: typeof DEFAULT_BASE_URL;
  Paginator: typeof Paginator;
  verifyWebhookSignature: typeof verifyWebhookSignature;
  signWebhookPayload: typeof signWebhookPayload;
  SecureModelError: typeof SecureModelError;
  AuthenticationError: typeof AuthenticationError;
  ValidationError: typeof ValidationError;
  ResourceError: typeof ResourceError;
  RateLimitError: typeof RateLimitError;
  ServiceError: typeof ServiceError;
};
export default sdk;
