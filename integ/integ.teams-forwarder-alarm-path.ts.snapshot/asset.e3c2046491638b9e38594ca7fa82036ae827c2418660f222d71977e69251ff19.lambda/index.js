"use strict";
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));
var __toCommonJS = (mod) => __copyProps(__defProp({}, "__esModule", { value: true }), mod);

// src/alarms/teams-forwarder/teams-forwarder.lambda.ts
var teams_forwarder_lambda_exports = {};
__export(teams_forwarder_lambda_exports, {
  handler: () => handler
});
module.exports = __toCommonJS(teams_forwarder_lambda_exports);

// ../../node_modules/@aws-lambda-powertools/logger/lib/esm/constants.js
var LogJsonIndent = {
  PRETTY: 4,
  COMPACT: 0
};
var LogLevelThreshold = {
  TRACE: 6,
  DEBUG: 8,
  INFO: 12,
  WARN: 16,
  ERROR: 20,
  CRITICAL: 24,
  SILENT: 28
};
var ReservedKeys = [
  "level",
  "message",
  "sampling_rate",
  "service",
  "timestamp"
];
var UncaughtErrorLogMessage = "Uncaught error detected, flushing log buffer before exit";

// ../../node_modules/@aws/lambda-invoke-store/dist-es/invoke-store.js
var PROTECTED_KEYS = {
  REQUEST_ID: /* @__PURE__ */ Symbol.for("_AWS_LAMBDA_REQUEST_ID"),
  X_RAY_TRACE_ID: /* @__PURE__ */ Symbol.for("_AWS_LAMBDA_X_RAY_TRACE_ID"),
  TENANT_ID: /* @__PURE__ */ Symbol.for("_AWS_LAMBDA_TENANT_ID"),
  TRACEPARENT: /* @__PURE__ */ Symbol.for("_AWS_LAMBDA_TRACEPARENT"),
  TRACESTATE: /* @__PURE__ */ Symbol.for("_AWS_LAMBDA_TRACESTATE"),
  BAGGAGE: /* @__PURE__ */ Symbol.for("_AWS_LAMBDA_BAGGAGE")
};
var NO_GLOBAL_AWS_LAMBDA = ["true", "1"].includes(process.env?.AWS_LAMBDA_NODEJS_NO_GLOBAL_AWSLAMBDA ?? "");
if (!NO_GLOBAL_AWS_LAMBDA) {
  globalThis.awslambda = globalThis.awslambda || {};
}
var InvokeStoreBase = class {
  static PROTECTED_KEYS = PROTECTED_KEYS;
  isProtectedKey(key) {
    return Object.values(PROTECTED_KEYS).includes(key);
  }
  getRequestId() {
    return this.get(PROTECTED_KEYS.REQUEST_ID) ?? "-";
  }
  getXRayTraceId() {
    return this.get(PROTECTED_KEYS.X_RAY_TRACE_ID);
  }
  getTenantId() {
    return this.get(PROTECTED_KEYS.TENANT_ID);
  }
  getTraceparent() {
    return this.get(PROTECTED_KEYS.TRACEPARENT);
  }
  getTracestate() {
    return this.get(PROTECTED_KEYS.TRACESTATE);
  }
  getBaggage() {
    return this.get(PROTECTED_KEYS.BAGGAGE);
  }
};
var InvokeStoreSingle = class extends InvokeStoreBase {
  currentContext;
  getContext() {
    return this.currentContext;
  }
  hasContext() {
    return this.currentContext !== void 0;
  }
  get(key) {
    return this.currentContext?.[key];
  }
  set(key, value) {
    if (this.isProtectedKey(key)) {
      throw new Error(`Cannot modify protected Lambda context field: ${String(key)}`);
    }
    this.currentContext = this.currentContext || {};
    this.currentContext[key] = value;
  }
  run(context, fn) {
    this.currentContext = context;
    return fn();
  }
};
var InvokeStoreMulti = class _InvokeStoreMulti extends InvokeStoreBase {
  als;
  static async create() {
    const instance = new _InvokeStoreMulti();
    const asyncHooks = await import("node:async_hooks");
    instance.als = new asyncHooks.AsyncLocalStorage();
    return instance;
  }
  getContext() {
    return this.als.getStore();
  }
  hasContext() {
    return this.als.getStore() !== void 0;
  }
  get(key) {
    return this.als.getStore()?.[key];
  }
  set(key, value) {
    if (this.isProtectedKey(key)) {
      throw new Error(`Cannot modify protected Lambda context field: ${String(key)}`);
    }
    const store = this.als.getStore();
    if (!store) {
      throw new Error("No context available");
    }
    store[key] = value;
  }
  run(context, fn) {
    return this.als.run(context, fn);
  }
};
var InvokeStore;
(function(InvokeStore2) {
  let instance = null;
  async function getInstanceAsync(forceInvokeStoreMulti) {
    if (!instance) {
      instance = (async () => {
        const isMulti = forceInvokeStoreMulti === true || "AWS_LAMBDA_MAX_CONCURRENCY" in process.env;
        const newInstance = isMulti ? await InvokeStoreMulti.create() : new InvokeStoreSingle();
        if (!NO_GLOBAL_AWS_LAMBDA && globalThis.awslambda?.InvokeStore) {
          return globalThis.awslambda.InvokeStore;
        } else if (!NO_GLOBAL_AWS_LAMBDA && globalThis.awslambda) {
          globalThis.awslambda.InvokeStore = newInstance;
          return newInstance;
        } else {
          return newInstance;
        }
      })();
    }
    return instance;
  }
  InvokeStore2.getInstanceAsync = getInstanceAsync;
  InvokeStore2._testing = process.env.AWS_LAMBDA_BENCHMARK_MODE === "1" ? {
    reset: () => {
      instance = null;
      if (globalThis.awslambda?.InvokeStore) {
        delete globalThis.awslambda.InvokeStore;
      }
      globalThis.awslambda = { InvokeStore: void 0 };
    }
  } : void 0;
})(InvokeStore || (InvokeStore = {}));

// ../../node_modules/@aws-lambda-powertools/commons/lib/esm/constants.js
var AWS_LAMBDA_INITIALIZATION_TYPE_ENV_VAR = "AWS_LAMBDA_INITIALIZATION_TYPE";
var AWS_LAMBDA_MAX_CONCURRENCY = "AWS_LAMBDA_MAX_CONCURRENCY";
var POWERTOOLS_DEV_ENV_VAR = "POWERTOOLS_DEV";
var POWERTOOLS_SERVICE_NAME_ENV_VAR = "POWERTOOLS_SERVICE_NAME";
var XRAY_TRACE_ID_ENV_VAR = "_X_AMZN_TRACE_ID";

// ../../node_modules/@aws-lambda-powertools/commons/lib/esm/envUtils.js
var getStringFromEnv = ({ key, defaultValue, errorMessage }) => {
  const value = process.env[key];
  if (value === void 0) {
    if (defaultValue !== void 0) {
      return defaultValue;
    }
    if (errorMessage) {
      throw new Error(errorMessage);
    }
    throw new Error(`Environment variable ${key} is required`);
  }
  return value.trim();
};
var getNumberFromEnv = ({ key, defaultValue, errorMessage }) => {
  const value = getStringFromEnv({
    key,
    defaultValue: String(defaultValue),
    errorMessage
  });
  const parsedValue = Number(value);
  if (Number.isNaN(parsedValue)) {
    throw new TypeError(`Environment variable ${key} must be a number`);
  }
  return parsedValue;
};
var truthyValues = /* @__PURE__ */ new Set(["1", "y", "yes", "t", "true", "on"]);
var falsyValues = /* @__PURE__ */ new Set(["0", "n", "no", "f", "false", "off"]);
var getBooleanFromEnv = ({ key, defaultValue, errorMessage, extendedParsing }) => {
  const value = getStringFromEnv({
    key,
    defaultValue: String(defaultValue),
    errorMessage
  });
  const parsedValue = value.toLowerCase();
  if (extendedParsing) {
    if (truthyValues.has(parsedValue)) {
      return true;
    }
    if (falsyValues.has(parsedValue)) {
      return false;
    }
  }
  if (parsedValue !== "true" && parsedValue !== "false") {
    throw new Error(`Environment variable ${key} must be a boolean`);
  }
  return parsedValue === "true";
};
var isDevMode = () => {
  try {
    return getBooleanFromEnv({
      key: POWERTOOLS_DEV_ENV_VAR,
      extendedParsing: true
    });
  } catch {
    return false;
  }
};
var getServiceName = () => {
  return getStringFromEnv({
    key: POWERTOOLS_SERVICE_NAME_ENV_VAR,
    defaultValue: ""
  });
};
var getXrayTraceDataFromEnv = () => {
  const xRayTraceEnv = globalThis.awslambda?.InvokeStore?.getXRayTraceId() ?? getStringFromEnv({
    key: XRAY_TRACE_ID_ENV_VAR,
    defaultValue: ""
  });
  if (xRayTraceEnv === "") {
    return void 0;
  }
  if (!xRayTraceEnv.includes("=")) {
    return {
      Root: xRayTraceEnv
    };
  }
  const xRayTraceData = {};
  for (const field of xRayTraceEnv.split(";")) {
    const [key, value] = field.split("=");
    xRayTraceData[key] = value;
  }
  return xRayTraceData;
};
var shouldUseInvokeStore = () => {
  const res = getStringFromEnv({
    key: AWS_LAMBDA_MAX_CONCURRENCY,
    defaultValue: ""
  });
  return res !== "";
};
var getXRayTraceIdFromEnv = () => {
  const xRayTraceData = getXrayTraceDataFromEnv();
  return xRayTraceData?.Root;
};

// ../../node_modules/@aws-lambda-powertools/logger/lib/esm/formatter/LogFormatter.js
var LogFormatter = class {
  /**
   * Whether a warning about an unresolvable timezone has already been emitted,
   * used to avoid logging the same warning on every formatted log entry.
   */
  #timezoneWarningEmitted = false;
  /**
   * Format an error into a loggable object.
   *
   * @example
   * ```json
   * {
   *   "name": "Error",
   *   "location": "file.js:1",
   *   "message": "An error occurred",
   *   "stack": "Error: An error occurred\n    at file.js:1\n    at file.js:2\n    at file.js:3",
   *   "cause": {
   *     "name": "OtherError",
   *     "location": "file.js:2",
   *     "message": "Another error occurred",
   *     "stack": "Error: Another error occurred\n    at file.js:2\n    at file.js:3\n    at file.js:4"
   *   }
   * }
   * ```
   *
   * @param error - Error to format
   */
  formatError(error) {
    const { name, message, stack, cause, ...errorAttributes } = error;
    const formattedError = {
      name,
      location: this.getCodeLocation(error.stack),
      message,
      stack: isDevMode() && typeof stack === "string" ? stack?.split("\n") : stack,
      cause: cause instanceof Error ? this.formatError(cause) : cause
    };
    for (const key in error) {
      if (typeof key === "string" && !["name", "message", "stack", "cause"].includes(key)) {
        formattedError[key] = errorAttributes[key];
      }
    }
    return formattedError;
  }
  /**
   * Format a date into an ISO 8601 string with the configured timezone.
   *
   * The timezone is read from the `TZ` environment variable, if present.
   * Otherwise, the timezone defaults to ':UTC'.
   *
   * @param now - The date to format
   */
  formatTimestamp(now) {
    const defaultTimezone = "UTC";
    const configuredTimezone = getStringFromEnv({
      key: "TZ",
      defaultValue: ""
    });
    if (configuredTimezone && !configuredTimezone.includes(defaultTimezone))
      return this.#generateISOTimestampWithOffset(now, configuredTimezone);
    return now.toISOString();
  }
  /**
   * Get the location of an error from a stack trace.
   *
   * @param stack - stack trace to parse
   */
  getCodeLocation(stack) {
    if (!stack) {
      return "";
    }
    const stackLines = stack.split("\n");
    const regex = /\(([^()]*?):(\d+?):(\d+?)\)\\?$/;
    for (const item of stackLines) {
      const match = regex.exec(item);
      if (Array.isArray(match)) {
        return `${match[1]}:${Number(match[2])}`;
      }
    }
    return "";
  }
  /**
   * Resolve the time zone to use for formatting timestamps.
   *
   * Validation is delegated to `Intl.DateTimeFormat` itself, so both canonical
   * identifiers (e.g. `Asia/Calcutta`) and their aliases (e.g. `Asia/Kolkata`)
   * are accepted.
   *
   * If the provided time zone cannot be resolved - e.g. `TZ` is set to
   * `:/etc/localtime` in certain Docker images - we fall back to UTC and emit
   * a one-time warning.
   *
   * @param timezone - IANA time zone identifier (e.g., "Asia/Dhaka").
   */
  #resolveTimezone = (timezone) => {
    try {
      new Intl.DateTimeFormat("en", { timeZone: timezone });
      return timezone;
    } catch {
      if (!this.#timezoneWarningEmitted) {
        this.#timezoneWarningEmitted = true;
        console.warn(`Invalid or unresolvable time zone: "${timezone}" - falling back to UTC.`);
      }
      return "UTC";
    }
  };
  /**
   * Create a new Intl.DateTimeFormat object configured with the specified time zone
   * and formatting options.
   *
   * The time is displayed in 24-hour format (hour12: false).
   *
   * @param timezone - resolvable IANA time zone identifier (e.g., "Asia/Dhaka").
   */
  #getDateFormatter = (timezone) => {
    const twoDigitFormatOption = "2-digit";
    return new Intl.DateTimeFormat("en", {
      hourCycle: "h23",
      year: "numeric",
      month: twoDigitFormatOption,
      day: twoDigitFormatOption,
      hour: twoDigitFormatOption,
      minute: twoDigitFormatOption,
      second: twoDigitFormatOption,
      timeZone: timezone
    });
  };
  /**
   * Generate an ISO 8601 timestamp string with the specified time zone and the local time zone offset.
   *
   * If the time zone cannot be resolved, both the date/time digits and the offset
   * fall back to UTC so that the emitted timestamp always denotes the correct instant.
   *
   * @param date - date to format
   * @param timezone - IANA time zone identifier (e.g., "Asia/Dhaka").
   */
  #generateISOTimestampWithOffset(date, timezone) {
    const resolvedTimezone = this.#resolveTimezone(timezone);
    const { year, month, day, hour, minute, second } = this.#getDateFormatter(resolvedTimezone).formatToParts(date).reduce((acc, item) => {
      acc[item.type] = item.value;
      return acc;
    }, {});
    const datePart = `${year}-${month}-${day}T${hour}:${minute}:${second}`;
    const offset = resolvedTimezone === timezone ? -date.getTimezoneOffset() : 0;
    const offsetSign = offset >= 0 ? "+" : "-";
    const offsetHours = Math.abs(Math.floor(offset / 60)).toString().padStart(2, "0");
    const offsetMinutes = Math.abs(offset % 60).toString().padStart(2, "0");
    const millisecondPart = date.getMilliseconds().toString().padStart(3, "0");
    const offsetPart = `${offsetSign}${offsetHours}:${offsetMinutes}`;
    return `${datePart}.${millisecondPart}${offsetPart}`;
  }
};

// ../../node_modules/@aws-lambda-powertools/commons/lib/esm/version.js
var PT_VERSION = "2.36.0";

// ../../node_modules/@aws-lambda-powertools/commons/lib/esm/awsSdkUtils.js
var EXEC_ENV = process.env.AWS_EXECUTION_ENV || "NA";

// ../../node_modules/@aws-lambda-powertools/commons/lib/esm/deepMerge.js
var UNSAFE_KEYS = /* @__PURE__ */ new Set(["__proto__", "constructor"]);
var isPlainObject = (value) => {
  if (typeof value !== "object" || value === null) {
    return false;
  }
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};
var cloneItem = (srcItem, ancestors) => {
  if (isPlainObject(srcItem)) {
    const cloned = {};
    ancestors.push(srcItem);
    mergeRecursive(cloned, srcItem, ancestors);
    ancestors.pop();
    return { skip: false, value: cloned };
  }
  if (Array.isArray(srcItem)) {
    if (ancestors.includes(srcItem))
      return { skip: true };
    const cloned = [];
    ancestors.push(srcItem);
    mergeArrayItemsByIndex(cloned, srcItem, ancestors);
    ancestors.pop();
    return { skip: false, value: cloned };
  }
  return { skip: false, value: srcItem };
};
var mergeArrayItem = (targetArray, index, srcItem, ancestors) => {
  const tgtItem = targetArray[index];
  const isSrcPlainObject = isPlainObject(srcItem);
  if (isSrcPlainObject && ancestors.includes(srcItem))
    return;
  if (isSrcPlainObject && isPlainObject(tgtItem)) {
    ancestors.push(srcItem);
    mergeRecursive(tgtItem, srcItem, ancestors);
    ancestors.pop();
    return;
  }
  if (Array.isArray(srcItem) && Array.isArray(tgtItem)) {
    if (!ancestors.includes(srcItem)) {
      ancestors.push(srcItem);
      mergeArrayItemsByIndex(tgtItem, srcItem, ancestors);
      ancestors.pop();
    }
    return;
  }
  if (srcItem !== void 0 || tgtItem === void 0) {
    const result = cloneItem(srcItem, ancestors);
    if (!result.skip) {
      targetArray[index] = result.value;
    }
  }
};
var mergeArrayItemsByIndex = (targetArray, sourceArray, ancestors) => {
  for (let i = 0; i < sourceArray.length; i++) {
    mergeArrayItem(targetArray, i, sourceArray[i], ancestors);
  }
};
var handleArrayMerge = (target, key, sourceArray, targetValue, ancestors) => {
  if (!Array.isArray(targetValue)) {
    const freshArray = [];
    mergeArrayItemsByIndex(freshArray, sourceArray, ancestors);
    target[key] = freshArray;
    return;
  }
  mergeArrayItemsByIndex(targetValue, sourceArray, ancestors);
};
var handleObjectMerge = (target, key, sourceObject, targetValue, ancestors) => {
  if (isPlainObject(targetValue)) {
    mergeRecursive(targetValue, sourceObject, ancestors);
    return;
  }
  const newTarget = {};
  mergeRecursive(newTarget, sourceObject, ancestors);
  target[key] = newTarget;
};
var mergeRecursive = (target, source, ancestors) => {
  for (const key of Object.keys(source)) {
    if (UNSAFE_KEYS.has(key)) {
      continue;
    }
    const sourceValue = source[key];
    const targetValue = target[key];
    if (Array.isArray(sourceValue)) {
      if (ancestors.includes(sourceValue))
        continue;
      ancestors.push(sourceValue);
      handleArrayMerge(target, key, sourceValue, targetValue, ancestors);
      ancestors.pop();
      continue;
    }
    if (isPlainObject(sourceValue)) {
      if (ancestors.includes(sourceValue))
        continue;
      ancestors.push(sourceValue);
      handleObjectMerge(target, key, sourceValue, targetValue, ancestors);
      ancestors.pop();
      continue;
    }
    if (sourceValue !== void 0 || targetValue === void 0) {
      target[key] = sourceValue;
    }
  }
};
var deepMerge = (target, ...sources) => {
  const ancestors = [target];
  for (const source of sources) {
    if (source != null) {
      ancestors.push(source);
      mergeRecursive(target, source, ancestors);
      ancestors.pop();
    }
  }
  return target;
};

// ../../node_modules/@aws-lambda-powertools/commons/lib/esm/middleware/constants.js
var PREFIX = "powertools-for-aws";
var TRACER_KEY = `${PREFIX}.tracer`;
var METRICS_KEY = `${PREFIX}.metrics`;
var LOGGER_KEY = `${PREFIX}.logger`;
var IDEMPOTENCY_KEY = `${PREFIX}.idempotency`;

// ../../node_modules/@aws-lambda-powertools/commons/lib/esm/typeUtils.js
var isString = (value) => {
  return typeof value === "string";
};
var isNumber = (value) => {
  return typeof value === "number";
};
var isIntegerNumber = (value) => {
  return isNumber(value) && Number.isInteger(value);
};
var isNull = (value) => {
  return Object.is(value, null);
};
var isNullOrUndefined = (value) => {
  return isNull(value) || Object.is(value, void 0);
};
var isStringUndefinedNullEmpty = (value) => {
  if (isNullOrUndefined(value))
    return true;
  if (!isString(value))
    return true;
  if (value.trim().length === 0)
    return true;
  return false;
};

// ../../node_modules/@aws-lambda-powertools/commons/lib/esm/Utility.js
var Utility = class {
  #initializationType;
  coldStart = true;
  defaultServiceName = "service_undefined";
  constructor() {
    this.#initializationType = this.getInitializationType();
    if (this.#initializationType !== "on-demand") {
      this.coldStart = false;
    }
  }
  /**
   * Get the value of the `AWS_LAMBDA_INITIALIZATION_TYPE` environment variable.
   */
  getInitializationType() {
    const envVarValue = process.env[AWS_LAMBDA_INITIALIZATION_TYPE_ENV_VAR]?.trim();
    if (envVarValue === "on-demand") {
      return "on-demand";
    }
    if (envVarValue === "provisioned-concurrency") {
      return "provisioned-concurrency";
    }
    return "unknown";
  }
  /**
   * Get the cold start status of the current execution environment.
   *
   * The method also flips the cold start status to `false` after the first invocation.
   */
  getColdStart() {
    if (this.#initializationType !== "on-demand") {
      return false;
    }
    if (this.coldStart) {
      this.coldStart = false;
      return true;
    }
    return false;
  }
  /**
   * Validate that the service name provided is valid.
   * Used internally during initialization.
   *
   * @param serviceName Service name to validate
   */
  isValidServiceName(serviceName) {
    return typeof serviceName === "string" && serviceName.trim().length > 0;
  }
};

// ../../node_modules/@aws-lambda-powertools/commons/lib/esm/index.js
var env = process.env.AWS_EXECUTION_ENV || "NA";
if (!process.env.AWS_SDK_UA_APP_ID?.includes("/PTEnv/")) {
  const ptUserAgent = `PT/NO-OP/${PT_VERSION}/PTEnv/${env}`;
  process.env.AWS_SDK_UA_APP_ID = process.env.AWS_SDK_UA_APP_ID ? `${process.env.AWS_SDK_UA_APP_ID}/${ptUserAgent}` : ptUserAgent;
}

// ../../node_modules/@aws-lambda-powertools/logger/lib/esm/formatter/LogItem.js
var LogItem = class {
  /**
   * The attributes of the log item.
   */
  attributes = {};
  /**
   * Constructor for LogItem.
   *
   * Attributes are added in the following order:
   * - Standard keys provided by the logger (e.g. `message`, `level`, `timestamp`)
   * - Persistent attributes provided by developer, not formatted (done later)
   * - Ephemeral attributes provided as parameters for a single log item (done later)
   *
   * @param params - The parameters for the LogItem.
   */
  constructor(params) {
    this.setAttributes(params.attributes);
  }
  /**
   * Add attributes to the log item.
   *
   * @param attributes - The attributes to add to the log item.
   */
  addAttributes(attributes) {
    deepMerge(this.attributes, attributes);
    return this;
  }
  /**
   * Get the attributes of the log item.
   */
  getAttributes() {
    return this.attributes;
  }
  /**
   * Prepare the log item for printing.
   *
   * This operation removes empty keys from the log item, see {@link removeEmptyKeys | removeEmptyKeys()} for more information.
   */
  prepareForPrint() {
    this.attributes = this.removeEmptyKeys(this.getAttributes());
  }
  /**
   * Remove empty keys from the log item, where empty keys are defined as keys with
   * values of `undefined`, empty strings (`''`), or `null`.
   *
   * @param attributes - The attributes to remove empty keys from.
   */
  removeEmptyKeys(attributes) {
    const newAttributes = {};
    for (const key in attributes) {
      if (attributes[key] !== void 0 && attributes[key] !== "" && attributes[key] !== null) {
        newAttributes[key] = attributes[key];
      }
    }
    return newAttributes;
  }
  /**
   * Replace the attributes of the log item.
   *
   * @param attributes - The attributes to set for the log item.
   */
  setAttributes(attributes) {
    this.attributes = attributes;
  }
};

// ../../node_modules/@aws-lambda-powertools/logger/lib/esm/Logger.js
var import_node_console = require("node:console");
var import_node_crypto = require("node:crypto");

// ../../node_modules/@aws-lambda-powertools/logger/lib/esm/formatter/PowertoolsLogFormatter.js
var PowertoolsLogFormatter = class extends LogFormatter {
  /**
   * List of keys to order log attributes by.
   *
   * This can be a set of keys or an array of keys.
   */
  #logRecordOrder;
  constructor(options) {
    super();
    this.#logRecordOrder = options?.logRecordOrder;
  }
  /**
   * It formats key-value pairs of log attributes.
   *
   * @param {UnformattedAttributes} attributes - unformatted attributes
   * @param {LogAttributes} additionalLogAttributes - additional log attributes
   */
  formatAttributes(attributes, additionalLogAttributes) {
    const baseAttributes = {
      level: attributes.logLevel,
      message: attributes.message,
      timestamp: this.formatTimestamp(attributes.timestamp),
      service: attributes.serviceName,
      cold_start: attributes.lambdaContext?.coldStart,
      function_arn: attributes.lambdaContext?.invokedFunctionArn,
      function_memory_size: attributes.lambdaContext?.memoryLimitInMB,
      function_name: attributes.lambdaContext?.functionName,
      function_request_id: attributes.lambdaContext?.awsRequestId,
      sampling_rate: attributes.sampleRateValue,
      xray_trace_id: attributes.xRayTraceId,
      tenant_id: attributes.lambdaContext?.tenantId
    };
    if (this.#logRecordOrder === void 0) {
      return new LogItem({ attributes: baseAttributes }).addAttributes(additionalLogAttributes);
    }
    const orderedAttributes = {};
    for (const key of this.#logRecordOrder) {
      if (key in baseAttributes && !(key in orderedAttributes)) {
        orderedAttributes[key] = baseAttributes[key];
      } else if (key in additionalLogAttributes && !(key in orderedAttributes)) {
        orderedAttributes[key] = additionalLogAttributes[key];
      }
    }
    for (const key in baseAttributes) {
      if (!(key in orderedAttributes)) {
        orderedAttributes[key] = baseAttributes[key];
      }
    }
    for (const key in additionalLogAttributes) {
      if (!(key in orderedAttributes)) {
        orderedAttributes[key] = additionalLogAttributes[key];
      }
    }
    const powertoolsLogItem = new LogItem({
      attributes: orderedAttributes
    });
    return powertoolsLogItem;
  }
};

// ../../node_modules/@aws-lambda-powertools/commons/lib/esm/InvocationScoped.js
var InvocationScoped = class {
  /**
   * Key the boxed value is stored under in the InvokeStore, unique to this
   * instance.
   */
  #key;
  /**
   * Creates the value, either by calling the `fresh` factory or by handing back
   * the `initial` value.
   */
  #createValue;
  /**
   * Whether each invocation gets its own value created for it (`fresh`) instead
   * of falling back to the shared one (`initial`).
   */
  #createsPerInvocation;
  /**
   * The value shared across invocations, boxed like the invocation-scoped one.
   */
  #sharedValue;
  /**
   * @param name - Description of the value, used for the storage key, e.g. `powertools.logger.logLevel`
   * @param {Object} options - Options to create the value
   * @param options.initial - Value shared across invocations until one sets its own
   * @param options.fresh - Creates the value, called once per invocation on first access, and once for the shared value
   */
  constructor(name, options) {
    this.#key = Symbol(name);
    if ("fresh" in options) {
      this.#createValue = options.fresh;
      this.#createsPerInvocation = true;
    } else {
      const { initial } = options;
      this.#createValue = () => initial;
      this.#createsPerInvocation = false;
    }
  }
  /**
   * Whether reads and writes are currently scoped to a single invocation.
   */
  get isScoped() {
    return this.#getScopedStore() !== void 0;
  }
  /**
   * Gets the invocation-scoped value when there is one, otherwise the shared
   * value.
   *
   * A `fresh` value is created on first access, and the same one is handed back
   * for the rest of the invocation.
   */
  get() {
    const store = this.#getScopedStore();
    if (store === void 0) {
      return this.getShared();
    }
    const scopedValue = store.get(this.#key);
    if (scopedValue !== void 0) {
      return scopedValue[0];
    }
    if (!this.#createsPerInvocation) {
      return this.getShared();
    }
    const freshValue = this.#createValue();
    store.set(this.#key, [freshValue]);
    return freshValue;
  }
  /**
   * Sets the value for the current invocation, or the shared value when no
   * invocation context is active, i.e. during initialization.
   *
   * `undefined` is a value like any other: it shadows the shared value until
   * {@link InvocationScoped.reset | `reset()`} discards it.
   *
   * @param value - The value to store
   */
  set(value) {
    const store = this.#getScopedStore();
    if (store === void 0) {
      this.setShared(value);
      return;
    }
    store.set(this.#key, [value]);
  }
  /**
   * Discards the value, so that a `fresh` one is created on the next access and
   * an `initial` one goes back to the shared value.
   *
   * Outside an invocation context the shared value is discarded instead, which
   * puts an `initial` value back to the one given at construction.
   */
  reset() {
    const store = this.#getScopedStore();
    if (store === void 0) {
      this.#sharedValue = void 0;
      return;
    }
    store.set(this.#key, void 0);
  }
  /**
   * Gets the value shared across invocations, ignoring any invocation context.
   *
   * It is created on first access, whether from here or from
   * {@link InvocationScoped.get | `get()`}.
   */
  getShared() {
    this.#sharedValue ??= [this.#createValue()];
    return this.#sharedValue[0];
  }
  /**
   * Sets the value shared across invocations, ignoring any invocation context.
   *
   * @param value - The value to store
   */
  setShared(value) {
    this.#sharedValue = [value];
  }
  /**
   * Gets the InvokeStore when reads and writes should be scoped to the current
   * invocation, or `undefined` when they should go to the shared value.
   */
  #getScopedStore() {
    if (!shouldUseInvokeStore()) {
      return void 0;
    }
    const store = globalThis.awslambda?.InvokeStore;
    if (store === void 0) {
      throw new Error("InvokeStore is not available");
    }
    return store.hasContext() ? store : void 0;
  }
};

// ../../node_modules/@aws-lambda-powertools/logger/lib/esm/LogAttributesStore.js
var LogAttributesStore = class {
  #temporaryAttributes = new InvocationScoped("powertools.logger.temporaryAttributes", { fresh: () => ({}) });
  #keys = new InvocationScoped("powertools.logger.keys", { fresh: () => /* @__PURE__ */ new Map() });
  #lambdaContext = new InvocationScoped("powertools.logger.lambdaContext", { initial: void 0 });
  #persistentAttributes = {};
  #getTemporaryAttributes() {
    return this.#temporaryAttributes.get();
  }
  #getKeys() {
    return this.#keys.get();
  }
  appendTemporaryKeys(attributes) {
    const tempAttrs = this.#getTemporaryAttributes();
    deepMerge(tempAttrs, attributes);
    const keysMap = this.#getKeys();
    for (const key of Object.keys(attributes)) {
      keysMap.set(key, "temp");
    }
  }
  removeTemporaryKeys(keys) {
    const tempAttrs = this.#getTemporaryAttributes();
    const keysMap = this.#getKeys();
    for (const key of keys) {
      tempAttrs[key] = void 0;
      if (this.#persistentAttributes[key]) {
        keysMap.set(key, "persistent");
      } else {
        keysMap.delete(key);
      }
    }
  }
  getTemporaryAttributes() {
    return { ...this.#getTemporaryAttributes() };
  }
  clearTemporaryAttributes() {
    const tempAttrs = this.#getTemporaryAttributes();
    const keysMap = this.#getKeys();
    for (const key of Object.keys(tempAttrs)) {
      if (this.#persistentAttributes[key]) {
        keysMap.set(key, "persistent");
      } else {
        keysMap.delete(key);
      }
    }
    this.#temporaryAttributes.reset();
  }
  setLambdaContext(context) {
    this.#lambdaContext.set(context);
  }
  getLambdaContext() {
    return this.#lambdaContext.get();
  }
  setPersistentAttributes(attributes) {
    const keysMap = this.#getKeys();
    this.#persistentAttributes = { ...attributes };
    for (const key of Object.keys(attributes)) {
      keysMap.set(key, "persistent");
    }
  }
  getPersistentAttributes() {
    return { ...this.#persistentAttributes };
  }
  getAllAttributes() {
    const result = {};
    const tempAttrs = this.#getTemporaryAttributes();
    const keysMap = this.#getKeys();
    for (const [key, value] of Object.entries(this.#persistentAttributes)) {
      if (value !== void 0) {
        result[key] = value;
      }
    }
    for (const [key, type] of keysMap.entries()) {
      if (type === "temp" && tempAttrs[key] !== void 0) {
        result[key] = tempAttrs[key];
      }
    }
    return result;
  }
  removePersistentKeys(keys) {
    const keysMap = this.#getKeys();
    const tempAttrs = this.#getTemporaryAttributes();
    for (const key of keys) {
      this.#persistentAttributes[key] = void 0;
      if (tempAttrs[key]) {
        keysMap.set(key, "temp");
      } else {
        keysMap.delete(key);
      }
    }
  }
};

// ../../node_modules/@aws-lambda-powertools/logger/lib/esm/logBuffer.js
var SizedItem = class {
  value;
  logLevel;
  byteSize;
  constructor(value, logLevel) {
    if (!isString(value)) {
      throw new Error("Value should be a string");
    }
    this.value = value;
    this.logLevel = logLevel;
    this.byteSize = Buffer.byteLength(value);
  }
};
var SizedSet = class extends Set {
  currentBytesSize = 0;
  hasEvictedLog = false;
  /**
   * Adds an item to the set and updates the current byte size.
   *
   * @param item - The item to add
   */
  add(item) {
    this.currentBytesSize += item.byteSize;
    super.add(item);
    return this;
  }
  /**
   * Deletes an item from the set and updates the current byte size.
   *
   * @param item - The item to delete
   */
  delete(item) {
    const wasDeleted = super.delete(item);
    if (wasDeleted) {
      this.currentBytesSize -= item.byteSize;
    }
    return wasDeleted;
  }
  /**
   * Clears all items from the set and resets the current byte size.
   */
  clear() {
    super.clear();
    this.currentBytesSize = 0;
  }
  /**
   * Removes the first item from the set and returns it.
   */
  shift() {
    const firstElement = this.values().next().value;
    if (firstElement) {
      this.delete(firstElement);
    }
    return firstElement;
  }
};
var CircularMap = class extends Map {
  #maxBytesSize;
  #onBufferOverflow;
  constructor({ maxBytesSize, onBufferOverflow }) {
    super();
    this.#maxBytesSize = maxBytesSize;
    this.#onBufferOverflow = onBufferOverflow;
  }
  /**
   * Adds an item to the buffer, evicting older items if necessary.
   *
   * @param key - The key to associate with the item
   * @param value - The item to add
   * @param logLevel - The log level of the item
   */
  setItem(key, value, logLevel) {
    const item = new SizedItem(value, logLevel);
    if (item.byteSize > this.#maxBytesSize) {
      throw new Error("Item too big");
    }
    const buffer = this.get(key) || new SizedSet();
    if (buffer.currentBytesSize !== 0 && buffer.currentBytesSize + item.byteSize >= this.#maxBytesSize) {
      this.#deleteFromBufferUntilSizeIsLessThanMax(buffer, item);
      if (this.#onBufferOverflow) {
        this.#onBufferOverflow();
      }
    }
    buffer.add(item);
    super.set(key, buffer);
    return this;
  }
  /**
   * Deletes an item from the buffer.
   *
   * @param key - The key associated with the item
   * @param value - The item to delete
   */
  #deleteFromBufferUntilSizeIsLessThanMax(buffer, item) {
    while (buffer.size !== 0 && buffer.currentBytesSize + item.byteSize >= this.#maxBytesSize) {
      buffer.shift();
      buffer.hasEvictedLog = true;
    }
  }
};

// ../../node_modules/@aws-lambda-powertools/logger/lib/esm/LogInvocationStore.js
var LogInvocationStore = class {
  #logLevel;
  #buffer = new InvocationScoped("powertools.logger.buffer", { fresh: () => new CircularMap({ maxBytesSize: this.#maxBytes }) });
  #maxBytes;
  constructor(logLevel) {
    this.#logLevel = new InvocationScoped("powertools.logger.logLevel", {
      initial: logLevel
    });
  }
  /**
   * Get the log level in effect: the per-invocation level when one has been
   * set, otherwise the base level.
   */
  getLogLevel() {
    return this.#logLevel.get();
  }
  /**
   * Get the base log level shared across invocations, without consulting the
   * InvokeStore.
   */
  getBaseLogLevel() {
    return this.#logLevel.getShared();
  }
  /**
   * Set the log level, scoping it to the current invocation when concurrency
   * is enabled and an invocation context is active. Outside an invocation
   * context (e.g. during initialization) the base level is set instead.
   */
  setLogLevel(logLevel) {
    this.#logLevel.set(logLevel);
  }
  /**
   * Set the base log level shared across invocations, regardless of any active
   * invocation context. Used at initialization and for Advanced Logging
   * Controls, which apply environment-wide.
   */
  setBaseLogLevel(logLevel) {
    this.#logLevel.setShared(logLevel);
  }
  /**
   * Enable the log buffer with the given max byte size per trace id.
   *
   * Must be called before any buffer operation; the buffer methods are only
   * reached when buffering is enabled.
   *
   * @param maxBytes - Max byte size of each trace id's buffer
   */
  configureBuffer(maxBytes) {
    this.#maxBytes = maxBytes;
    this.#buffer.setShared(new CircularMap({ maxBytesSize: maxBytes }));
  }
  #getBuffer() {
    return this.#buffer.get();
  }
  /**
   * Add a log to the buffer for the given trace id.
   *
   * @param traceId - `_X_AMZN_TRACE_ID` of the request
   * @param value - The serialized log to be buffered
   * @param logLevel - The level of the log to be buffered
   */
  add(traceId, value, logLevel) {
    const buffer = this.#getBuffer();
    if (!this.#buffer.isScoped && buffer.has(traceId) === false) {
      buffer.clear();
    }
    buffer.setItem(traceId, value, logLevel);
  }
  /**
   * Get the buffered logs for the given trace id, if any.
   *
   * @param traceId - `_X_AMZN_TRACE_ID` of the request
   */
  get(traceId) {
    return this.#getBuffer().get(traceId);
  }
  /**
   * Empty the buffer for the given trace id.
   *
   * @param traceId - `_X_AMZN_TRACE_ID` of the request
   */
  delete(traceId) {
    this.#getBuffer().delete(traceId);
  }
};

// ../../node_modules/@aws-lambda-powertools/logger/lib/esm/Logger.js
var Logger = class _Logger extends Utility {
  /**
   * Console instance used to print logs.
   *
   * In AWS Lambda, we create a new instance of the Console class so that we can have
   * full control over the output of the logs. In testing environments, we use the
   * default console instance.
   *
   * This property is initialized in the constructor in `setOptions()`.
   */
  console;
  /**
   * Custom config service instance used to configure the logger.
   */
  customConfigService;
  /**
   * Whether to print the Lambda invocation event in the logs.
   */
  logEvent = false;
  /**
   * Formatter used to format the log items.
   * @default new PowertoolsLogFormatter()
   */
  logFormatter;
  /**
   * JSON indentation used to format the logs.
   */
  logIndentation = LogJsonIndent.COMPACT;
  /**
   * Advanced Logging Control Log Level
   * If not a valid value this will be left undefined, even if the
   * environment variable AWS_LAMBDA_LOG_LEVEL is set
   */
  #alcLogLevel;
  /**
   * Standard attributes managed by Powertools that will be logged in all log items.
   */
  powertoolsLogData = {
    sampleRateValue: 0
  };
  /**
   * Store for managing temporary and persistent log attributes.
   */
  #attributesStore = new LogAttributesStore();
  /**
   * Buffer used to store logs until the logger is initialized.
   *
   * Sometimes we need to log warnings before the logger is fully initialized, however we can't log them
   * immediately because the logger is not ready yet. This buffer stores those logs until the logger is ready.
   */
  #initBuffer = [];
  /**
   * Flag used to determine if the logger is initialized.
   */
  #isInitialized = false;
  /**
   * This is the initial log leval as set during the initialization of the logger.
   *
   * We keep this value to be able to reset the log level to the initial value when the sample rate is refreshed.
   */
  #initialLogLevel = LogLevelThreshold.INFO;
  /**
   * Replacer function used to serialize the log items.
   */
  #jsonReplacerFn;
  /**
   * Buffer configuration options.
   */
  #bufferConfig = {
    enabled: false,
    flushOnErrorLog: true,
    maxBytes: 20480,
    bufferAtVerbosity: LogLevelThreshold.DEBUG
  };
  /**
   * Store for per-invocation log state: the effective log level and, once
   * buffering is enabled, the buffered logs grouped by `_X_AMZN_TRACE_ID`.
   *
   * Scopes the state to each invocation via the InvokeStore when invocations
   * run concurrently, and falls back to instance-level state shared across
   * sequential invocations.
   */
  #invocationStore = new LogInvocationStore(LogLevelThreshold.INFO);
  /**
   * Search function for the correlation ID.
   */
  #correlationIdSearchFn;
  /**
   * The debug sampling rate configuration.
   */
  #debugLogSampling = {
    /**
     * The sampling rate value used to determine if the log level should be set to DEBUG.
     */
    sampleRateValue: 0,
    /**
     * The number of times the debug sampling rate has been refreshed.
     *
     * We use this to determine if we should refresh it again.
     */
    refreshedTimes: 0
  };
  /**
   * Map used to store the warning messages that have already been logged.
   */
  #warnOnceMap = /* @__PURE__ */ new Map();
  /**
   * Log level used by the current instance of Logger.
   *
   * Returns the log level as a number. The higher the number, the less verbose the logs.
   * To get the log level name, use the {@link getLevelName()} method.
   */
  get level() {
    return this.#invocationStore.getLogLevel();
  }
  constructor(options = {}) {
    super();
    const { customConfigService, ...rest } = options;
    this.customConfigService = customConfigService;
    this.setOptions(rest);
    this.#isInitialized = true;
    for (const [level, log] of this.#initBuffer) {
      this.printLog(level, this.createAndPopulateLogItem(...log));
    }
    this.#initBuffer = [];
  }
  /**
   * Add the current Lambda function's invocation context data to the powertoolLogData property of the instance.
   * This context data will be part of all printed log items.
   *
   * The implementation signature also accepts the stored {@link LambdaFunctionContext} subset so that
   * {@link Logger.createChild | `createChild()`} can propagate the parent's context without unsafe casts.
   * The public contract ({@link LoggerInterface.addContext}) remains `Context`.
   *
   * @param context - The Lambda function's invocation context.
   */
  addContext(context) {
    this.#attributesStore.setLambdaContext({
      invokedFunctionArn: context.invokedFunctionArn,
      coldStart: this.getColdStart(),
      awsRequestId: context.awsRequestId,
      memoryLimitInMB: context.memoryLimitInMB,
      functionName: context.functionName,
      functionVersion: context.functionVersion,
      tenantId: context.tenantId
    });
  }
  /**
   * @deprecated This method is deprecated and will be removed in the future major versions, please use {@link appendPersistentKeys() `appendPersistentKeys()`} instead.
   */
  addPersistentLogAttributes(attributes) {
    this.appendPersistentKeys(attributes);
  }
  /**
   * Add the given temporary attributes (key-value pairs) to all log items generated by this Logger instance.
   *
   * If the key already exists in the attributes, it will be overwritten. If the key is one of `level`, `message`, `sampling_rate`,
   * `service`, or `timestamp` we will log a warning and drop the value.
   *
   * @param attributes - The attributes to add to all log items.
   */
  appendKeys(attributes) {
    this.#appendKeys(attributes, "temp");
  }
  /**
   * Add the given persistent attributes (key-value pairs) to all log items generated by this Logger instance.
   *
   * If the key already exists in the attributes, it will be overwritten. If the key is one of `level`, `message`, `sampling_rate`,
   * `service`, or `timestamp` we will log a warning and drop the value.
   *
   * @param attributes - The attributes to add to all log items.
   */
  appendPersistentKeys(attributes) {
    this.#appendKeys(attributes, "persistent");
  }
  /**
   * Create a separate Logger instance, identical to the current one.
   * It's possible to overwrite the new instance options by passing them.
   *
   * @param options - The options to initialize the child logger with.
   */
  createChild(options = {}) {
    const persistentKeyName = "persistentLogAttributes" in options && !("persistentKeys" in options) ? "persistentLogAttributes" : "persistentKeys";
    const childLogger = this.createLogger(
      // Merge parent logger options with options passed to createChild,
      // the latter having precedence.
      deepMerge({}, {
        logLevel: this.getLevelName(),
        serviceName: this.powertoolsLogData.serviceName,
        sampleRateValue: this.#debugLogSampling.sampleRateValue,
        logFormatter: this.getLogFormatter(),
        customConfigService: this.getCustomConfigService(),
        environment: this.powertoolsLogData.environment,
        [persistentKeyName]: this.#attributesStore.getPersistentAttributes(),
        jsonReplacerFn: this.#jsonReplacerFn,
        correlationIdSearchFn: this.#correlationIdSearchFn,
        ...this.#bufferConfig.enabled && {
          logBufferOptions: {
            maxBytes: this.#bufferConfig.maxBytes,
            bufferAtVerbosity: this.getLogLevelNameFromNumber(this.#bufferConfig.bufferAtVerbosity),
            flushOnErrorLog: this.#bufferConfig.flushOnErrorLog
          }
        }
      }, options)
    );
    const lambdaContext = this.#attributesStore.getLambdaContext();
    if (lambdaContext)
      childLogger.addContext(lambdaContext);
    const temporaryAttributes = this.#attributesStore.getTemporaryAttributes();
    if (Object.keys(temporaryAttributes).length > 0) {
      childLogger.appendKeys(temporaryAttributes);
    }
    return childLogger;
  }
  /**
   * Print a log item with level CRITICAL.
   *
   * @param input - The log message.
   * @param extraInput - The extra input to log.
   */
  critical(input, ...extraInput) {
    this.processLogItem(LogLevelThreshold.CRITICAL, input, extraInput);
  }
  /**
   * Print a log item with level DEBUG.
   *
   * @param input
   * @param extraInput - The extra input to log.
   */
  debug(input, ...extraInput) {
    this.processLogItem(LogLevelThreshold.DEBUG, input, extraInput);
  }
  /**
   * Print a log item with level ERROR.
   *
   * @param input - The log message.
   * @param extraInput - The extra input to log.
   */
  error(input, ...extraInput) {
    this.processLogItem(LogLevelThreshold.ERROR, input, extraInput);
  }
  /**
   * Get the log level name of the current instance of Logger.
   *
   * Returns the log level name, i.e. `INFO`, `DEBUG`, etc.
   * To get the log level as a number, use the {@link Logger.level} property.
   */
  getLevelName() {
    return this.getLogLevelNameFromNumber(this.#invocationStore.getLogLevel());
  }
  /**
   * Return a boolean value. True means that the Lambda invocation events
   * are printed in the logs.
   */
  getLogEvent() {
    return this.logEvent;
  }
  /**
   * Return the persistent log attributes, which are the attributes
   * that will be logged in all log items.
   */
  getPersistentLogAttributes() {
    return this.#attributesStore.getPersistentAttributes();
  }
  /**
   * Print a log item with level INFO.
   *
   * @param input - The log message.
   * @param extraInput - The extra input to log.
   */
  info(input, ...extraInput) {
    this.processLogItem(LogLevelThreshold.INFO, input, extraInput);
  }
  /**
   * Class method decorator that adds the current Lambda function context as extra
   * information in all log items.
   *
   * This decorator is useful when you want to enrich your logs with information
   * from the function context, such as the function name, version, and request ID, and more.
   *
   * @example
   * ```typescript
   * import { Logger } from '@aws-lambda-powertools/logger';
   * import type { LambdaInterface } from '@aws-lambda-powertools/commons/types';
   *
   * const logger = new Logger({ serviceName: 'serverlessAirline' });
   *
   * class Lambda implements LambdaInterface {
   *   // Decorate your handler class method
   *   ⁣@logger.injectLambdaContext()
   *   public async handler(_event: unknown, _context: unknown): Promise<void> {
   *     logger.info('This is an INFO log with some context');
   *   }
   * }
   *
   * const handlerClass = new Lambda();
   * export const handler = handlerClass.handler.bind(handlerClass);
   * ```
   *
   * The decorator can also be used to log the Lambda invocation event; this can be configured both via
   * the `logEvent` parameter and the `POWERTOOLS_LOGGER_LOG_EVENT` environment variable. When both
   * are set, the `logEvent` parameter takes precedence.
   *
   * Additionally, the decorator can be used to reset the temporary keys added with the `appendKeys()` method
   * after the invocation, or to flush the buffer when an uncaught error is thrown in the handler.
   *
   * @see https://www.typescriptlang.org/docs/handbook/decorators.html#method-decorators
   *
   * @param options.logEvent - When `true` the logger will log the event.
   * @param options.resetKeys - When `true` the logger will clear temporary keys added with {@link Logger.appendKeys() `appendKeys()`} method.
   * @param options.flushBufferOnUncaughtError - When `true` the logger will flush the buffer when an uncaught error is thrown in the handler.
   */
  injectLambdaContext(options) {
    return (_target, _propertyKey, descriptor) => {
      const originalMethod = descriptor.value;
      const loggerRef = this;
      descriptor.value = async function(...args) {
        loggerRef.refreshSampleRateCalculation();
        loggerRef.addContext(args[1]);
        loggerRef.logEventIfEnabled(args[0], options?.logEvent);
        if (options?.correlationIdPath) {
          loggerRef.setCorrelationId(args[0], options?.correlationIdPath);
        }
        try {
          return await originalMethod.apply(this, args);
        } catch (error) {
          if (options?.flushBufferOnUncaughtError) {
            loggerRef.flushBuffer();
            loggerRef.error({
              message: UncaughtErrorLogMessage,
              error
            });
          }
          throw error;
        } finally {
          if (options?.clearState || options?.resetKeys)
            loggerRef.resetKeys();
          loggerRef.clearBuffer();
        }
      };
    };
  }
  /**
   * @deprecated This method is deprecated and will be removed in the future major versions. Use {@link resetKeys()} instead.
   */
  /* v8 ignore next -- @preserve */
  static injectLambdaContextAfterOrOnError(logger, _persistentAttributes, options) {
    if (options && (options.clearState || options?.resetKeys)) {
      logger.resetKeys();
    }
  }
  /**
   * @deprecated - This method is deprecated and will be removed in the next major version.
   */
  /* v8 ignore next -- @preserve */
  static injectLambdaContextBefore(logger, event, context, options) {
    logger.addContext(context);
    logger.logEventIfEnabled(event, options?.logEvent);
  }
  /**
   * Log the AWS Lambda event payload for the current invocation if the environment variable `POWERTOOLS_LOGGER_LOG_EVENT` is set to `true`.
   *
   * @example
   * ```ts
   * process.env.POWERTOOLS_LOGGER_LOG_EVENT = 'true';
   *
   * import { Logger } from '@aws-lambda-powertools/logger';
   *
   * const logger = new Logger();
   *
   * export const handler = async (event) => {
   *   logger.logEventIfEnabled(event);
   *   // ... your handler code
   * }
   * ```
   *
   * @param event - The AWS Lambda event payload.
   * @param overwriteValue - Overwrite the environment variable value.
   */
  logEventIfEnabled(event, overwriteValue) {
    if (!this.shouldLogEvent(overwriteValue))
      return;
    this.info("Lambda invocation event", { event });
  }
  /**
   * This method allows recalculating the initial sampling decision for changing
   * the log level to DEBUG based on a sample rate value used during initialization,
   * potentially yielding a different outcome.
   *
   * This only works for warm starts, because we don't to avoid double sampling.
   */
  refreshSampleRateCalculation() {
    if (this.#debugLogSampling.refreshedTimes === 0) {
      this.#debugLogSampling.refreshedTimes++;
      return;
    }
    if (this.#shouldEnableDebugSampling() && this.#invocationStore.getLogLevel() > LogLevelThreshold.TRACE) {
      this.setLogLevel("DEBUG");
      this.debug("Setting log level to DEBUG due to sampling rate");
    } else {
      this.setLogLevel(this.getLogLevelNameFromNumber(this.#initialLogLevel));
    }
  }
  /**
   * Remove temporary attributes based on provided keys to all log items generated by this Logger instance.
   *
   * @param keys - The keys to remove.
   */
  removeKeys(keys) {
    this.#attributesStore.removeTemporaryKeys(keys);
  }
  /**
   * Remove the given keys from the persistent keys.
   *
   * @example
   * ```typescript
   * import { Logger } from '@aws-lambda-powertools/logger';
   *
   * const logger = new Logger({
   *   persistentKeys: {
   *     environment: 'prod',
   *   },
   * });
   *
   * logger.removePersistentKeys(['environment']);
   * ```
   *
   * @param keys - The keys to remove from the persistent attributes.
   */
  removePersistentKeys(keys) {
    this.#attributesStore.removePersistentKeys(keys);
  }
  /**
   * @deprecated This method is deprecated and will be removed in the future major versions. Use {@link removePersistentKeys()} instead.
   */
  removePersistentLogAttributes(keys) {
    this.removePersistentKeys(keys);
  }
  /**
   * Remove all temporary log attributes added with {@link appendKeys() `appendKeys()`} method.
   */
  resetKeys() {
    this.#attributesStore.clearTemporaryAttributes();
  }
  /**
   * Set the log level for this Logger instance.
   *
   * If the log level is set using AWS Lambda Advanced Logging Controls, it sets it
   * instead of the given log level to avoid data loss.
   *
   * @param logLevel The log level to set, i.e. `error`, `warn`, `info`, `debug`, etc.
   */
  setLogLevel(logLevel) {
    if (this.awsLogLevelShortCircuit(logLevel))
      return;
    if (this.isValidLogLevel(logLevel)) {
      this.#invocationStore.setLogLevel(LogLevelThreshold[logLevel]);
    } else {
      throw new Error(`Invalid log level: ${logLevel}`);
    }
  }
  /**
   * @deprecated This method is deprecated and will be removed in the future major versions, please use {@link appendPersistentKeys() `appendPersistentKeys()`} instead.
   */
  setPersistentLogAttributes(attributes) {
    const filtered = this.#filterReservedAttributeKeys(attributes);
    this.#attributesStore.setPersistentAttributes(filtered);
  }
  /**
   * @deprecated Use getPersistentLogAttributes() instead
   */
  get persistentLogAttributes() {
    return this.#attributesStore.getPersistentAttributes();
  }
  /**
   * Check whether the current Lambda invocation event should be printed in the logs or not.
   *
   * @param overwriteValue - Overwrite the environment variable value.
   */
  shouldLogEvent(overwriteValue) {
    if (typeof overwriteValue === "boolean") {
      return overwriteValue;
    }
    return this.getLogEvent();
  }
  /**
   * Print a log item with level TRACE.
   *
   * @param input - The log message.
   * @param extraInput - The extra input to log.
   */
  trace(input, ...extraInput) {
    this.processLogItem(LogLevelThreshold.TRACE, input, extraInput);
  }
  /**
   * Print a log item with level WARN.
   *
   * @param input - The log message.
   * @param extraInput - The extra input to log.
   */
  warn(input, ...extraInput) {
    this.processLogItem(LogLevelThreshold.WARN, input, extraInput);
  }
  /**
   * Log a warning message once per unique message.
   *
   * @param message - The log message.
   */
  #warnOnce(message) {
    if (this.#warnOnceMap.has(message))
      return;
    this.#warnOnceMap.set(message, true);
    this.warn(message);
  }
  /**
   * Factory method for instantiating logger instances. Used by `createChild` method.
   * Important for customization and subclassing. It allows subclasses, like `MyOwnLogger`,
   * to override its behavior while keeping the main business logic in `createChild` intact.
   *
   * @example
   * ```typescript
   * // MyOwnLogger subclass
   * class MyOwnLogger extends Logger {
   *   protected createLogger(options?: ConstructorOptions): MyOwnLogger {
   *     return new MyOwnLogger(options);
   *   }
   *   // No need to re-implement business logic from `createChild` and keep track on changes
   *   public createChild(options?: ConstructorOptions): MyOwnLogger {
   *     return super.createChild(options) as MyOwnLogger;
   *   }
   * }
   * ```
   *
   * @param options - Logger configuration options.
   */
  createLogger(options) {
    return new _Logger(options);
  }
  /**
   * A custom JSON replacer function that is used to serialize the log items.
   *
   * By default, we already extend the default serialization behavior to handle `BigInt` and `Error` objects, as well as remove circular references.
   * When a custom JSON replacer function is passed to the Logger constructor, it will be called **before** our custom rules for each key-value pair in the object being stringified.
   *
   * This allows you to customize the serialization while still benefiting from the default behavior.
   *
   * @see {@link ConstructorOptions.jsonReplacerFn}
   */
  getJsonReplacer() {
    const ancestors = [];
    const jsonReplacerFn = this.#jsonReplacerFn;
    const logFormatter = this.getLogFormatter();
    return function(key, value) {
      let replacedValue = value;
      if (jsonReplacerFn)
        replacedValue = jsonReplacerFn(key, replacedValue);
      if (replacedValue instanceof Error) {
        replacedValue = logFormatter.formatError(replacedValue);
      }
      if (typeof replacedValue === "bigint") {
        return replacedValue.toString();
      }
      if (typeof replacedValue === "object" && replacedValue !== null) {
        while (ancestors.length > 0 && ancestors.at(-1) !== this) {
          ancestors.pop();
        }
        if (ancestors.includes(replacedValue)) {
          return;
        }
        ancestors.push(replacedValue);
      }
      return replacedValue;
    };
  }
  /**
   * Store information that is printed in all log items.
   *
   * @param attributes - The attributes to add to all log items.
   */
  addToPowertoolsLogData(attributes) {
    deepMerge(this.powertoolsLogData, attributes);
  }
  #filterReservedAttributeKeys(attributes) {
    const filtered = {};
    for (const [key, value] of Object.entries(attributes)) {
      if (!this.#checkReservedKeyAndWarn(key)) {
        filtered[key] = value;
      }
    }
    return filtered;
  }
  /**
   * Shared logic for adding keys to the logger instance.
   *
   * @param attributes - The attributes to add to the log item.
   * @param type - The type of the attributes to add.
   */
  #appendKeys(attributes, type) {
    const filtered = this.#filterReservedAttributeKeys(attributes);
    if (type === "temp") {
      this.#attributesStore.appendTemporaryKeys(filtered);
    } else {
      const current = this.#attributesStore.getPersistentAttributes();
      this.#attributesStore.setPersistentAttributes(deepMerge(current, filtered));
    }
  }
  awsLogLevelShortCircuit(selectedLogLevel) {
    if (this.#alcLogLevel !== void 0) {
      this.#invocationStore.setBaseLogLevel(LogLevelThreshold[this.#alcLogLevel]);
      if (this.isValidLogLevel(selectedLogLevel) && this.#invocationStore.getBaseLogLevel() > LogLevelThreshold[selectedLogLevel]) {
        this.#warnOnce(`Current log level (${selectedLogLevel}) does not match AWS Lambda Advanced Logging Controls minimum log level (${this.#alcLogLevel}). This can lead to data loss, consider adjusting them.`);
      }
      return true;
    }
    return false;
  }
  /**
   * Create a log item and populate it with the given log level, input, and extra input.
   */
  createAndPopulateLogItem(logLevel, input, extraInput) {
    const unformattedBaseAttributes = {
      logLevel: this.getLogLevelNameFromNumber(logLevel),
      timestamp: /* @__PURE__ */ new Date(),
      xRayTraceId: getXRayTraceIdFromEnv(),
      ...this.#getPowertoolsLogData(),
      message: ""
    };
    const additionalAttributes = this.#attributesStore.getAllAttributes();
    this.#processMainInput(input, unformattedBaseAttributes, additionalAttributes);
    this.#processExtraInput(extraInput, additionalAttributes);
    return this.getLogFormatter().formatAttributes(unformattedBaseAttributes, additionalAttributes);
  }
  /**
   * Process the main input message and add it to the attributes
   */
  #processMainInput(input, baseAttributes, additionalAttributes) {
    if (typeof input === "string") {
      baseAttributes.message = input;
      return;
    }
    const { message, ...rest } = input;
    baseAttributes.message = message;
    for (const [key, value] of Object.entries(rest)) {
      if (!this.#checkReservedKeyAndWarn(key)) {
        additionalAttributes[key] = value;
      }
    }
  }
  /**
   * Process extra input items and add them to additional attributes
   */
  #processExtraInput(extraInput, additionalAttributes) {
    for (const item of extraInput) {
      if (isNullOrUndefined(item)) {
        continue;
      }
      if (item instanceof Error) {
        additionalAttributes.error = item;
      } else if (typeof item === "string") {
        additionalAttributes.extra = item;
      } else {
        this.#processExtraObject(item, additionalAttributes);
      }
    }
  }
  /**
   * Process an extra input object and add its properties to additional attributes
   */
  #processExtraObject(item, additionalAttributes) {
    for (const [key, value] of Object.entries(item)) {
      if (!this.#checkReservedKeyAndWarn(key)) {
        additionalAttributes[key] = value;
      }
    }
  }
  /**
   * Make a new debug log sampling decision based on the sample rate value.
   */
  #shouldEnableDebugSampling() {
    return this.#debugLogSampling.sampleRateValue && (0, import_node_crypto.randomInt)(0, 100) / 100 <= this.#debugLogSampling.sampleRateValue;
  }
  /**
   * Check if a given key is reserved and warn the user if it is.
   *
   * @param key - The key to check
   */
  #checkReservedKeyAndWarn(key) {
    if (ReservedKeys.includes(key)) {
      this.warn(`The key "${key}" is a reserved key and will be dropped.`);
      return true;
    }
    return false;
  }
  /**
   * Get the custom config service, an abstraction used to fetch environment variables.
   */
  getCustomConfigService() {
    return this.customConfigService;
  }
  /**
   * Get the instance of a service that formats the structure of a
   * log item's keys and values in the desired way.
   */
  getLogFormatter() {
    return this.logFormatter;
  }
  /**
   * Get the log level name from the log level number.
   *
   * For example, if the log level is 16, it will return 'WARN'.
   *
   * @param logLevel - The log level to get the name of
   */
  getLogLevelNameFromNumber(logLevel) {
    let found;
    for (const [key, value] of Object.entries(LogLevelThreshold)) {
      if (value === logLevel) {
        found = key;
        break;
      }
    }
    return found;
  }
  /**
   * Get information that will be added in all log item by
   * this Logger instance (different from user-provided persistent attributes).
   */
  #getPowertoolsLogData() {
    const lambdaContext = this.#attributesStore.getLambdaContext();
    if (lambdaContext === void 0) {
      return this.powertoolsLogData;
    }
    return { ...this.powertoolsLogData, lambdaContext };
  }
  /**
   * Check if a given log level is valid.
   *
   * @param logLevel - The log level to check
   */
  isValidLogLevel(logLevel) {
    return typeof logLevel === "string" && logLevel in LogLevelThreshold;
  }
  /**
   * Check if a given sample rate value is valid.
   *
   * @param sampleRateValue - The sample rate value to check
   */
  isValidSampleRate(sampleRateValue) {
    return typeof sampleRateValue === "number" && 0 <= sampleRateValue && sampleRateValue <= 1;
  }
  /**
   * Print a given log with given log level.
   *
   * @param logLevel - The log level
   * @param log - The log item to print
   */
  printLog(logLevel, log) {
    log.prepareForPrint();
    const consoleMethod = logLevel === LogLevelThreshold.CRITICAL ? "error" : this.getLogLevelNameFromNumber(logLevel).toLowerCase();
    this.console[consoleMethod](JSON.stringify(log.getAttributes(), this.getJsonReplacer(), this.logIndentation));
  }
  /**
   * Print or buffer a given log with given log level.
   *
   * @param logLevel - The log level threshold
   * @param input - The log message
   * @param extraInput - The extra input to log
   */
  processLogItem(logLevel, input, extraInput) {
    if (this.#bufferConfig.enabled && this.#bufferConfig.flushOnErrorLog && logLevel >= LogLevelThreshold.ERROR && logLevel < LogLevelThreshold.SILENT) {
      this.flushBuffer();
    }
    const traceId = getXRayTraceIdFromEnv();
    if (traceId !== void 0 && this.shouldBufferLog(traceId, logLevel)) {
      try {
        this.bufferLogItem(traceId, this.createAndPopulateLogItem(logLevel, input, extraInput), logLevel);
      } catch (error) {
        this.printLog(LogLevelThreshold.WARN, this.createAndPopulateLogItem(LogLevelThreshold.WARN, `Unable to buffer log: ${error.message}`, [error]));
        this.printLog(logLevel, this.createAndPopulateLogItem(logLevel, input, extraInput));
      }
      return;
    }
    if (logLevel >= this.#invocationStore.getLogLevel()) {
      if (this.#isInitialized) {
        this.printLog(logLevel, this.createAndPopulateLogItem(logLevel, input, extraInput));
      } else {
        this.#initBuffer.push([logLevel, [logLevel, input, extraInput]]);
      }
    }
  }
  /**
   * Initialize the console property as an instance of the internal version of Console() class (PR #748)
   * or as the global node console if the `POWERTOOLS_DEV' env variable is set and has truthy value.
   */
  setConsole() {
    if (isDevMode()) {
      this.console = console;
    } else {
      this.console = new import_node_console.Console({
        stdout: process.stdout,
        stderr: process.stderr
      });
    }
    this.console.trace = (message, ...optionalParams) => {
      this.console.log(message, ...optionalParams);
    };
  }
  /**
   * Set the initial Logger log level based on the following order:
   * 1. If a log level is set using AWS Lambda Advanced Logging Controls, it sets it.
   * 2. If a log level is passed to the constructor, it sets it.
   * 3. If a log level is set via custom config service, it sets it.
   * 4. If a log level is set via env variables, it sets it.
   *
   * If none of the above is true, the default log level applies (`INFO`).
   *
   * @param logLevel - Log level passed to the constructor
   */
  setInitialLogLevel(logLevel) {
    const constructorLogLevel = logLevel?.toUpperCase();
    if (this.awsLogLevelShortCircuit(constructorLogLevel)) {
      this.#initialLogLevel = this.#invocationStore.getBaseLogLevel();
      return;
    }
    if (this.isValidLogLevel(constructorLogLevel)) {
      this.#invocationStore.setBaseLogLevel(LogLevelThreshold[constructorLogLevel]);
      this.#initialLogLevel = this.#invocationStore.getBaseLogLevel();
      return;
    }
    const customConfigValue = this.getCustomConfigService()?.getLogLevel()?.toUpperCase();
    if (this.isValidLogLevel(customConfigValue)) {
      this.#invocationStore.setBaseLogLevel(LogLevelThreshold[customConfigValue]);
      this.#initialLogLevel = this.#invocationStore.getBaseLogLevel();
      return;
    }
    const logLevelVariable = getStringFromEnv({
      key: "POWERTOOLS_LOG_LEVEL",
      defaultValue: ""
    });
    const logLevelVariableAlias = getStringFromEnv({
      key: "LOG_LEVEL",
      defaultValue: ""
    });
    const logLevelValue = logLevelVariable || logLevelVariableAlias;
    if (this.isValidLogLevel(logLevelValue)) {
      this.#invocationStore.setBaseLogLevel(LogLevelThreshold[logLevelValue]);
      this.#initialLogLevel = this.#invocationStore.getBaseLogLevel();
    }
  }
  /**
   * Set the sample rate value with the following priority:
   * 1. Constructor value
   * 2. Custom config service value
   * 3. Environment variable value
   * 4. Default value (zero)
   *
   * @param sampleRateValue - The sample rate value
   */
  setInitialSampleRate(sampleRateValue) {
    const constructorValue = sampleRateValue;
    const customConfigValue = this.getCustomConfigService()?.getSampleRateValue();
    const sampleRateEnvVariable = getNumberFromEnv({
      key: "POWERTOOLS_LOGGER_SAMPLE_RATE",
      defaultValue: 0
    });
    for (const value of [
      constructorValue,
      customConfigValue,
      sampleRateEnvVariable
    ]) {
      if (this.isValidSampleRate(value)) {
        this.#debugLogSampling.sampleRateValue = value;
        this.powertoolsLogData.sampleRateValue = value;
        if (this.#shouldEnableDebugSampling() && this.#invocationStore.getBaseLogLevel() > LogLevelThreshold.TRACE) {
          this.setLogLevel("DEBUG");
          this.debug("Setting log level to DEBUG due to sampling rate");
        }
        break;
      }
    }
  }
  /**
   * If the log event feature is enabled via env variable, it sets a property that tracks whether
   * the event passed to the Lambda function handler should be logged or not.
   */
  setLogEvent() {
    this.logEvent = getBooleanFromEnv({
      key: "POWERTOOLS_LOGGER_LOG_EVENT",
      defaultValue: false
    });
  }
  /**
   * Set the log formatter instance, in charge of giving a custom format
   * to the structured logs, and optionally the ordering for keys within logs.
   *
   * @param logFormatter - The log formatter
   * @param logRecordOrder - Optional list of keys to specify order in logs
   */
  setLogFormatter(logFormatter, logRecordOrder) {
    this.logFormatter = logFormatter ?? new PowertoolsLogFormatter({
      logRecordOrder
    });
  }
  /**
   * If the `POWERTOOLS_DEV` env variable is set,
   * add JSON indentation for pretty printing logs.
   */
  setLogIndentation() {
    if (isDevMode()) {
      this.logIndentation = LogJsonIndent.PRETTY;
    }
  }
  /**
   * Configure the Logger instance settings that will affect the Logger's behaviour
   * and the content of all logs.
   *
   * @param options - Options to configure the Logger instance
   */
  setOptions(options) {
    const {
      logLevel,
      serviceName,
      sampleRateValue,
      logFormatter,
      persistentKeys,
      persistentLogAttributes,
      // deprecated in favor of persistentKeys
      environment,
      jsonReplacerFn,
      logRecordOrder,
      logBufferOptions,
      correlationIdSearchFn
    } = options;
    if (persistentLogAttributes && Object.keys(persistentLogAttributes).length > 0 && persistentKeys && Object.keys(persistentKeys).length > 0) {
      this.warn("Both persistentLogAttributes and persistentKeys options were provided. Using persistentKeys as persistentLogAttributes is deprecated and will be removed in future releases");
    }
    this.setPowertoolsLogData(serviceName, environment, persistentKeys || persistentLogAttributes);
    const lambdaLogLevel = getStringFromEnv({
      key: "AWS_LAMBDA_LOG_LEVEL",
      defaultValue: ""
    });
    const AlcLogLevel = lambdaLogLevel === "FATAL" ? "CRITICAL" : lambdaLogLevel;
    if (this.isValidLogLevel(AlcLogLevel)) {
      this.#alcLogLevel = AlcLogLevel;
    }
    this.setLogEvent();
    this.setInitialLogLevel(logLevel);
    this.setInitialSampleRate(sampleRateValue);
    this.setLogFormatter(logFormatter, logRecordOrder);
    this.setConsole();
    this.setLogIndentation();
    this.#jsonReplacerFn = jsonReplacerFn;
    this.#setLogBuffering(logBufferOptions);
    this.#correlationIdSearchFn = correlationIdSearchFn;
    return this;
  }
  /**
   * Add important data to the Logger instance that will affect the content of all logs.
   *
   * @param serviceName - The service name
   * @param environment - The environment
   * @param persistentKeys - The persistent log attributes
   */
  setPowertoolsLogData(serviceName, environment, persistentKeys) {
    this.addToPowertoolsLogData({
      awsRegion: getStringFromEnv({
        key: "AWS_REGION",
        defaultValue: ""
      }),
      environment: environment || this.getCustomConfigService()?.getCurrentEnvironment() || getStringFromEnv({
        key: "ENVIRONMENT",
        defaultValue: ""
      }),
      serviceName: serviceName || this.getCustomConfigService()?.getServiceName() || getStringFromEnv({
        key: "POWERTOOLS_SERVICE_NAME",
        defaultValue: ""
      }) || this.defaultServiceName
    });
    persistentKeys && this.appendPersistentKeys(persistentKeys);
  }
  /**
   * Configure the buffer settings for the Logger instance.
   *
   * @param options - Options to configure the Logger instance
   */
  #setLogBuffering(options) {
    if (options === void 0) {
      return;
    }
    this.#bufferConfig.enabled = options?.enabled !== false;
    if (this.#bufferConfig.enabled === false)
      return;
    if (options?.maxBytes !== void 0) {
      this.#bufferConfig.maxBytes = options.maxBytes;
    }
    this.#invocationStore.configureBuffer(this.#bufferConfig.maxBytes);
    if (options?.flushOnErrorLog === false) {
      this.#bufferConfig.flushOnErrorLog = false;
    }
    const bufferAtLogLevel = options?.bufferAtVerbosity?.toUpperCase();
    if (this.isValidLogLevel(bufferAtLogLevel)) {
      this.#bufferConfig.bufferAtVerbosity = LogLevelThreshold[bufferAtLogLevel];
    }
    if (this.#alcLogLevel !== void 0 && LogLevelThreshold[this.#alcLogLevel] > this.#bufferConfig.bufferAtVerbosity) {
      this.#warnOnce("Advanced Loggging Controls (ALC) Log Level is less verbose than Log Buffering Log Level. Buffered logs will be filtered by ALC");
    }
  }
  /**
   * Add a log to the buffer.
   *
   * @param xrayTraceId - `_X_AMZN_TRACE_ID` of the request
   * @param log - Log to be buffered
   * @param logLevel - The level of log to be buffered
   */
  bufferLogItem(xrayTraceId, log, logLevel) {
    log.prepareForPrint();
    this.#invocationStore.add(xrayTraceId, JSON.stringify(log.getAttributes(), this.getJsonReplacer(), this.logIndentation), logLevel);
  }
  /**
   * Flush all logs in the request buffer.
   *
   * This is called automatically when you use the {@link injectLambdaContext | `@logger.injectLambdaContext()`} decorator and
   * your function throws an error.
   */
  flushBuffer() {
    if (this.#bufferConfig.enabled === false) {
      return;
    }
    const traceId = getXRayTraceIdFromEnv();
    if (traceId === void 0) {
      return;
    }
    const buffer = this.#invocationStore.get(traceId);
    if (buffer === void 0) {
      return;
    }
    for (const item of buffer) {
      const consoleMethod = this.getLogLevelNameFromNumber(item.logLevel).toLowerCase();
      this.console[consoleMethod](item.value);
    }
    if (buffer.hasEvictedLog) {
      this.printLog(LogLevelThreshold.WARN, this.createAndPopulateLogItem(LogLevelThreshold.WARN, "Some logs are not displayed because they were evicted from the buffer. Increase buffer size to store more logs in the buffer", []));
    }
    if (this.#alcLogLevel !== void 0 && LogLevelThreshold[this.#alcLogLevel] > this.#bufferConfig.bufferAtVerbosity) {
      this.#warnOnce("Advanced Loggging Controls (ALC) Log Level is less verbose than Log Buffering Log Level. Some logs might be missing.");
    }
    this.#invocationStore.delete(traceId);
  }
  /**
   * Empties the buffer for the current request
   */
  clearBuffer() {
    if (this.#bufferConfig.enabled === false) {
      return;
    }
    const traceId = getXRayTraceIdFromEnv();
    if (traceId === void 0) {
      return;
    }
    this.#invocationStore.delete(traceId);
  }
  /**
   * Test if the log meets the criteria to be buffered.
   *
   * @param traceId - `_X_AMZN_TRACE_ID` of the request
   * @param logLevel - The level of the log being considered
   */
  shouldBufferLog(traceId, logLevel) {
    return this.#bufferConfig.enabled && traceId !== void 0 && logLevel <= this.#bufferConfig.bufferAtVerbosity;
  }
  /**
   * Set the correlation ID for the log item.
   *
   * This method can be used to set the correlation ID for the log item or to search for the correlation ID in the event.
   *
   * @example
   * ```typescript
   * import { Logger } from '@aws-lambda-powertools/logger';
   *
   * const logger = new Logger();
   * logger.setCorrelationId('my-correlation-id'); // sets the correlation ID directly with the first argument as value
   * ```
   *
   * @example
   * ```typescript
   * import { Logger } from '@aws-lambda-powertools/logger';
   * import { search } from '@aws-lambda-powertools/logger/correlationId';
   *
   * const logger = new Logger({ correlationIdSearchFn: search });
   * logger.setCorrelationId(event, 'requestContext.requestId'); // sets the correlation ID from the event using JMSPath expression
   * ```
   *
   * @param value - The value to set as the correlation ID or the event to search for the correlation ID
   * @param correlationIdPath - Optional JMESPath expression to extract the correlation ID for the payload
   */
  setCorrelationId(value, correlationIdPath) {
    if (typeof correlationIdPath === "string") {
      if (!this.#correlationIdSearchFn) {
        this.#warnOnce("correlationIdPath is set but no search function was provided. The correlation ID will not be added to the log attributes.");
        return;
      }
      const correlationId = this.#correlationIdSearchFn(correlationIdPath, value);
      if (correlationId)
        this.appendKeys({ correlation_id: correlationId });
      return;
    }
    this.appendKeys({ correlation_id: value });
  }
  /**
   * Get the correlation ID from the log attributes.
   */
  getCorrelationId() {
    return this.#attributesStore.getTemporaryAttributes().correlation_id;
  }
};

// ../../node_modules/@aws-lambda-powertools/metrics/lib/esm/constants.js
var COLD_START_METRIC = "ColdStart";
var DEFAULT_NAMESPACE = "default_namespace";
var MIN_METRIC_NAME_LENGTH = 1;
var MAX_METRIC_NAME_LENGTH = 255;
var MAX_METRICS_SIZE = 100;
var MAX_METRIC_VALUES_SIZE = 100;
var MAX_DIMENSION_COUNT = 29;
var EMF_MAX_TIMESTAMP_PAST_AGE = 14 * 24 * 60 * 60 * 1e3;
var EMF_MAX_TIMESTAMP_FUTURE_AGE = 2 * 60 * 60 * 1e3;
var MetricUnit = {
  Seconds: "Seconds",
  Microseconds: "Microseconds",
  Milliseconds: "Milliseconds",
  Bytes: "Bytes",
  Kilobytes: "Kilobytes",
  Megabytes: "Megabytes",
  Gigabytes: "Gigabytes",
  Terabytes: "Terabytes",
  Bits: "Bits",
  Kilobits: "Kilobits",
  Megabits: "Megabits",
  Gigabits: "Gigabits",
  Terabits: "Terabits",
  Percent: "Percent",
  Count: "Count",
  BytesPerSecond: "Bytes/Second",
  KilobytesPerSecond: "Kilobytes/Second",
  MegabytesPerSecond: "Megabytes/Second",
  GigabytesPerSecond: "Gigabytes/Second",
  TerabytesPerSecond: "Terabytes/Second",
  BitsPerSecond: "Bits/Second",
  KilobitsPerSecond: "Kilobits/Second",
  MegabitsPerSecond: "Megabits/Second",
  GigabitsPerSecond: "Gigabits/Second",
  TerabitsPerSecond: "Terabits/Second",
  CountPerSecond: "Count/Second",
  NoUnit: "None"
};
var MetricResolution = {
  Standard: 60,
  High: 1
};

// ../../node_modules/@aws-lambda-powertools/metrics/lib/esm/Metrics.js
var import_node_console2 = require("node:console");

// ../../node_modules/@aws-lambda-powertools/metrics/lib/esm/DimensionsStore.js
var DimensionsStore = class {
  #dimensions = new InvocationScoped("powertools.metrics.dimensions", { fresh: () => ({}) });
  #dimensionSets = new InvocationScoped("powertools.metrics.dimensionSets", { fresh: () => [] });
  #defaultDimensions = {};
  #getDimensions() {
    return this.#dimensions.get();
  }
  #getDimensionSets() {
    return this.#dimensionSets.get();
  }
  addDimension(name, value) {
    this.#getDimensions()[name] = value;
    return value;
  }
  addDimensionSet(dimensionSet) {
    this.#getDimensionSets().push({ ...dimensionSet });
    return dimensionSet;
  }
  getDimensions() {
    return { ...this.#getDimensions() };
  }
  getDimensionSets() {
    return this.#getDimensionSets().map((set) => ({ ...set }));
  }
  clearRequestDimensions() {
    this.#dimensions.reset();
    this.#dimensionSets.reset();
  }
  clearDefaultDimensions() {
    this.#defaultDimensions = {};
  }
  setDefaultDimensions(dimensions) {
    this.#defaultDimensions = { ...dimensions };
  }
  getDefaultDimensions() {
    return { ...this.#defaultDimensions };
  }
};

// ../../node_modules/@aws-lambda-powertools/metrics/lib/esm/MetadataStore.js
var MetadataStore = class {
  #metadata = new InvocationScoped("powertools.metrics.metadata", { fresh: () => ({}) });
  #getStorage() {
    return this.#metadata.get();
  }
  set(key, value) {
    this.#getStorage()[key] = value;
    return value;
  }
  getAll() {
    return { ...this.#getStorage() };
  }
  clear() {
    this.#metadata.reset();
  }
};

// ../../node_modules/@aws-lambda-powertools/metrics/lib/esm/MetricsStore.js
var MetricsStore = class {
  #storedMetrics = new InvocationScoped("powertools.metrics.storedMetrics", { fresh: () => ({}) });
  #timestamp = new InvocationScoped("powertools.metrics.timestamp", { initial: void 0 });
  #getStorage() {
    return this.#storedMetrics.get();
  }
  getMetric(name) {
    return this.#getStorage()[name];
  }
  /**
   * Adds a metric value to storage. If a metric with the same name already exists,
   * the value is appended to an array. Validates that the unit matches any existing metric.
   *
   * @example
   * ```typescript
   * store.setMetric('latency', MetricUnit.Milliseconds, 100);
   * // Returns: { name: 'latency', unit: 'Milliseconds', value: 100, resolution: 60 }
   *
   * store.setMetric('latency', MetricUnit.Milliseconds, 150);
   * // Returns: { name: 'latency', unit: 'Milliseconds', value: [100, 150], resolution: 60 }
   * ```
   *
   * @param name - The metric name
   * @param unit - The metric unit (must match existing metric if present)
   * @param value - The metric value to add
   * @param resolution - The metric resolution (defaults to Standard)
   * @returns The stored metric with updated values
   * @throws Error if unit doesn't match existing metric
   */
  setMetric(name, unit, value, resolution = MetricResolution.Standard) {
    const storage = this.#getStorage();
    const existingMetric = storage[name];
    if (existingMetric === void 0) {
      const newMetric = {
        name,
        unit,
        value,
        resolution
      };
      storage[name] = newMetric;
      return { ...newMetric };
    }
    if (existingMetric.unit !== unit) {
      const currentUnit = existingMetric.unit;
      throw new Error(`Metric "${name}" has already been added with unit "${currentUnit}", but we received unit "${unit}". Did you mean to use metric unit "${currentUnit}"?`);
    }
    if (!Array.isArray(existingMetric.value)) {
      existingMetric.value = [existingMetric.value];
    }
    existingMetric.value.push(value);
    return { ...existingMetric, value: [...existingMetric.value] };
  }
  getMetricNames() {
    return Object.keys(this.#getStorage());
  }
  getAllMetrics() {
    return Object.values(this.#getStorage());
  }
  clearMetrics() {
    this.#storedMetrics.reset();
    this.#timestamp.set(void 0);
  }
  hasMetrics() {
    return this.getMetricNames().length > 0;
  }
  getMetricsCount() {
    return this.getMetricNames().length;
  }
  getTimestamp() {
    return this.#timestamp.get();
  }
  setTimestamp(timestamp) {
    const timestampMs = this.#convertTimestampToEmfFormat(timestamp);
    this.#timestamp.set(timestampMs);
    return timestampMs;
  }
  #convertTimestampToEmfFormat(timestamp) {
    if (isIntegerNumber(timestamp)) {
      return timestamp;
    }
    if (timestamp instanceof Date) {
      return timestamp.getTime();
    }
    return 0;
  }
};

// ../../node_modules/@aws-lambda-powertools/metrics/lib/esm/Metrics.js
var Metrics = class _Metrics extends Utility {
  /**
   * Console instance used to print logs.
   *
   * In AWS Lambda, we create a new instance of the Console class so that we can have
   * full control over the output of the logs. In testing environments, we use the
   * default console instance.
   *
   * This property is initialized in the constructor in setOptions().
   *
   * @private
   */
  console;
  /**
   * Custom configuration service for metrics
   */
  customConfigService;
  /**
   * Storage for dimensions
   */
  #dimensionsStore = new DimensionsStore();
  /**
   * Name of the Lambda function
   */
  functionName;
  /**
   * Custom logger object used for emitting debug, warning, and error messages.
   *
   * Note that this logger is not used for emitting metrics which are emitted to standard output using the `Console` object.
   */
  #logger;
  /**
   * Flag indicating if this is a single metric instance
   * @default false
   */
  isSingleMetric = false;
  /**
   * Additional metadata to be included with metrics
   */
  #metadataStore = new MetadataStore();
  /**
   * Namespace for the metrics
   */
  namespace;
  /**
   * Flag to determine if an error should be thrown when no metrics are recorded
   * @default false
   */
  shouldThrowOnEmptyMetrics = false;
  /**
   * Storage for metrics before they are published
   */
  #metricsStore = new MetricsStore();
  /**
   * Whether to disable metrics
   */
  disabled = false;
  /**
   * Cached environment config values.
   * Initialized once in setEnvConfig().
   */
  #envConfig = {
    namespace: "",
    functionName: "",
    serviceName: "",
    disabled: false,
    devMode: false
  };
  constructor(options = {}) {
    super();
    this.setEnvConfig();
    this.setConsole();
    this.#logger = options.logger || this.console;
    this.setOptions(options);
  }
  /**
   * Add a dimension to metrics.
   *
   * A dimension is a key-value pair that is used to group metrics, and it is included in all metrics emitted after it is added.
   * Invalid dimension values are skipped and a warning is logged.
   *
   * When calling the {@link Metrics.publishStoredMetrics | `publishStoredMetrics()`} method, the dimensions are cleared. This type of
   * dimension is useful when you want to add request-specific dimensions to your metrics. If you want to add dimensions that are
   * included in all metrics, use the {@link Metrics.setDefaultDimensions | `setDefaultDimensions()`} method.
   *
   * @param name - The name of the dimension
   * @param value - The value of the dimension
   */
  addDimension(name, value) {
    if (isStringUndefinedNullEmpty(name) || isStringUndefinedNullEmpty(value)) {
      this.#logger.warn(`The dimension ${name} doesn't meet the requirements and won't be added. Ensure the dimension name and value are non empty strings`);
      return this;
    }
    const dimensions = this.#dimensionsStore.getDimensions();
    const defaultDimensions = this.#dimensionsStore.getDefaultDimensions();
    const projectedSize = (/* @__PURE__ */ new Set([
      ...Object.keys(defaultDimensions),
      ...Object.keys(dimensions),
      name
    ])).size;
    if (projectedSize > MAX_DIMENSION_COUNT) {
      throw new RangeError(`The number of metric dimensions must be lower than ${MAX_DIMENSION_COUNT}`);
    }
    if (Object.hasOwn(dimensions, name) || Object.hasOwn(defaultDimensions, name)) {
      this.#logger.warn(`Dimension "${name}" has already been added. The previous value will be overwritten.`);
    }
    this.#dimensionsStore.addDimension(name, value);
    return this;
  }
  /**
   * Add multiple dimensions to the metrics.
   *
   * This method is useful when you want to add multiple dimensions to the metrics at once.
   * Invalid dimension values are skipped and a warning is logged.
   *
   * When calling the {@link Metrics.publishStoredMetrics | `publishStoredMetrics()`} method, the dimensions are cleared. This type of
   * dimension is useful when you want to add request-specific dimensions to your metrics. If you want to add dimensions that are
   * included in all metrics, use the {@link Metrics.setDefaultDimensions | `setDefaultDimensions()`} method.
   *
   * @param dimensions - An object with key-value pairs of dimensions
   */
  addDimensions(dimensions) {
    const newDimensions = this.#sanitizeDimensions(dimensions);
    const defaultDimensions = this.#dimensionsStore.getDefaultDimensions();
    const projectedSize = (/* @__PURE__ */ new Set([
      ...Object.keys(defaultDimensions),
      ...Object.keys(newDimensions)
    ])).size;
    if (projectedSize > MAX_DIMENSION_COUNT) {
      throw new RangeError(`The number of metric dimensions must be lower than ${MAX_DIMENSION_COUNT}`);
    }
    this.#dimensionsStore.addDimensionSet(newDimensions);
    return this;
  }
  /**
   * A metadata key-value pair to be included with metrics.
   *
   * You can use this method to add high-cardinality data as part of your metrics.
   * This is useful when you want to search highly contextual information along with your metrics in your logs.
   *
   * Note that the metadata is not included in the Amazon CloudWatch UI, but it can be used to search and filter logs.
   *
   * @example
   * ```typescript
   * import { Metrics } from '@aws-lambda-powertools/metrics';
   *
   * const metrics = new Metrics({
   *   namespace: 'serverlessAirline',
   *   serviceName: 'orders'
   * });
   *
   * export const handler = async (event) => {
   *   metrics.addMetadata('request_id', event.requestId);
   *   metrics.addMetric('successfulBooking', MetricUnit.Count, 1);
   *   metrics.publishStoredMetrics();
   * };
   * ```
   *
   * @param key - The key of the metadata
   * @param value - The value of the metadata
   */
  addMetadata(key, value) {
    this.#metadataStore.set(key, value);
    return this;
  }
  /**
   * Add a metric to the metrics buffer.
   *
   * By default, metrics are buffered and flushed when calling {@link Metrics.publishStoredMetrics | `publishStoredMetrics()`} method,
   * or at the end of the handler function when using the {@link Metrics.logMetrics | `logMetrics()`} decorator or the Middy.js middleware.
   *
   * Metrics are emitted to standard output in the Amazon CloudWatch EMF (Embedded Metric Format) schema.
   *
   * You can add a metric by specifying the metric name, unit, and value. For convenience,
   * we provide a set of constants for the most common units in the {@link MetricUnits | MetricUnit} dictionary object.
   *
   * Optionally, you can specify a {@link https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_concepts.html#Resolution_definition | resolution}, which can be either `High` or `Standard`, using the {@link MetricResolutions | MetricResolution} dictionary object.
   * By default, metrics are published with a resolution of `Standard`.
   *
   * @example
   * ```typescript
   * import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
   *
   * const metrics = new Metrics({
   *   namespace: 'serverlessAirline',
   *   serviceName: 'orders'
   * });
   *
   * export const handler = async () => {
   *   metrics.addMetric('successfulBooking', MetricUnit.Count, 1);
   *   metrics.publishStoredMetrics();
   * };
   * ```
   *
   * @param name - The metric name
   * @param unit - The metric unit, see {@link MetricUnits | MetricUnit}
   * @param value - The metric value
   * @param resolution - The metric resolution, see {@link MetricResolutions | MetricResolution}
   */
  addMetric(name, unit, value, resolution = MetricResolution.Standard) {
    this.storeMetric(name, unit, value, resolution);
    if (this.isSingleMetric)
      this.publishStoredMetrics();
    return this;
  }
  /**
   * Immediately emit a `ColdStart` metric if this is a cold start invocation.
   *
   * A cold start is when AWS Lambda initializes a new instance of your function. To take advantage of this feature,
   * you must instantiate the Metrics class outside of the handler function.
   *
   * By using this method, the metric will be emitted immediately without you having to call {@link Metrics.publishStoredMetrics | `publishStoredMetrics()`}.
   *
   * If you are using the {@link Metrics.logMetrics | `logMetrics()`} decorator, or the Middy.js middleware, you can enable this
   * feature by setting the `captureColdStartMetric` option to `true`.
   *
   * @example
   * ```typescript
   * import { Metrics } from '@aws-lambda-powertools/metrics';
   *
   * const metrics = new Metrics({
   *   namespace: 'serverlessAirline',
   *   serviceName: 'orders'
   * });
   *
   * export const handler = async () => {
   *   metrics.captureColdStartMetric();
   * };
   * ```
   *
   * @param functionName - Optional function name to use as `function_name` dimension in the metric. It's used only if the `functionName` constructor parameter or environment variable are not set.
   */
  captureColdStartMetric(functionName) {
    if (!this.getColdStart())
      return;
    const singleMetric = this.singleMetric();
    const value = this.functionName?.trim() ?? functionName?.trim();
    if (value && value.length > 0) {
      singleMetric.addDimension("function_name", value);
    }
    singleMetric.addMetric(COLD_START_METRIC, MetricUnit.Count, 1);
  }
  /**
   * Clear all previously set default dimensions.
   *
   * This will remove all default dimensions set by the {@link Metrics.setDefaultDimensions | `setDefaultDimensions()`} method
   * or via the `defaultDimensions` parameter in the constructor.
   *
   * @example
   * ```typescript
   * import { Metrics } from '@aws-lambda-powertools/metrics';
   *
   * const metrics = new Metrics({
   *   namespace: 'serverlessAirline',
   *   serviceName: 'orders',
   *   defaultDimensions: { environment: 'dev' },
   * });
   *
   * metrics.setDefaultDimensions({ region: 'us-west-2' });
   *
   * // both environment and region dimensions are removed
   * metrics.clearDefaultDimensions();
   * ```
   */
  clearDefaultDimensions() {
    this.#dimensionsStore.clearDefaultDimensions();
  }
  /**
   * Clear all the dimensions added to the Metrics instance via {@link Metrics.addDimension | `addDimension()`} or {@link Metrics.addDimensions | `addDimensions()`}.
   *
   * These dimensions are normally cleared when calling {@link Metrics.publishStoredMetrics | `publishStoredMetrics()`}, but
   * you can use this method to clear specific dimensions that you no longer need at runtime.
   *
   * This method does not clear the default dimensions set via {@link Metrics.setDefaultDimensions | `setDefaultDimensions()`} or via
   * the `defaultDimensions` parameter in the constructor.
   *
   * @example
   * ```typescript
   * import { Metrics } from '@aws-lambda-powertools/metrics';
   *
   * const metrics = new Metrics({
   *   namespace: 'serverlessAirline',
   *   serviceName: 'orders'
   * });
   *
   * export const handler = async () => {
   *   metrics.addDimension('region', 'us-west-2');
   *
   *   // ...
   *
   *   metrics.clearDimensions(); // only the region dimension is removed
   * };
   * ```
   *
   * The method is primarily intended for internal use, but it is exposed for advanced use cases.
   */
  clearDimensions() {
    this.#dimensionsStore.clearRequestDimensions();
  }
  /**
   * Clear all the metadata added to the Metrics instance.
   *
   * Metadata is normally cleared when calling {@link Metrics.publishStoredMetrics | `publishStoredMetrics()`}, but
   * you can use this method to clear specific metadata that you no longer need at runtime.
   *
   * The method is primarily intended for internal use, but it is exposed for advanced use cases.
   */
  clearMetadata() {
    this.#metadataStore.clear();
  }
  /**
   * Clear all the metrics stored in the buffer.
   *
   * This is useful when you want to clear the metrics stored in the buffer without publishing them.
   *
   * The method is primarily intended for internal use, but it is exposed for advanced use cases.
   */
  clearMetrics() {
    this.#metricsStore.clearMetrics();
  }
  /**
   * Check if there are stored metrics in the buffer.
   */
  hasStoredMetrics() {
    return this.#metricsStore.hasMetrics();
  }
  /**
   * Whether metrics are disabled.
   */
  isDisabled() {
    return this.disabled;
  }
  /**
   * A class method decorator to automatically log metrics after the method returns or throws an error.
   *
   * The decorator can be used with TypeScript classes and can be configured to optionally capture a `ColdStart` metric (see {@link Metrics.captureColdStartMetric | `captureColdStartMetric()`}),
   * throw an error if no metrics are emitted (see {@link Metrics.setThrowOnEmptyMetrics | `setThrowOnEmptyMetrics()`}),
   * and set default dimensions for all metrics (see {@link Metrics.setDefaultDimensions | `setDefaultDimensions()`}).
   *
   * @example
   *
   * ```typescript
   * import type { Context } from 'aws-lambda';
   * import type { LambdaInterface } from '@aws-lambda-powertools/commons/types';
   * import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
   *
   * const metrics = new Metrics({
   *   namespace: 'serverlessAirline',
   *   serviceName: 'orders'
   * });
   *
   * class Lambda implements LambdaInterface {
   *   ⁣@metrics.logMetrics({ captureColdStartMetric: true })
   *   public async handler(_event: { requestId: string }, _: Context) {
   *     metrics.addMetadata('request_id', event.requestId);
   *     metrics.addMetric('successfulBooking', MetricUnit.Count, 1);
   *   }
   * }
   *
   * const handlerClass = new Lambda();
   * export const handler = handlerClass.handler.bind(handlerClass);
   * ```
   *
   * You can configure the decorator with the following options:
   * - `captureColdStartMetric` - Whether to capture a `ColdStart` metric
   * - `defaultDimensions` - Default dimensions to add to all metrics
   * - `throwOnEmptyMetrics` - Whether to throw an error if no metrics are emitted
   *
   * @param options - Options to configure the behavior of the decorator, see {@link ExtraOptions}
   */
  logMetrics(options = {}) {
    const { throwOnEmptyMetrics, defaultDimensions, captureColdStartMetric } = options;
    if (throwOnEmptyMetrics) {
      this.setThrowOnEmptyMetrics(throwOnEmptyMetrics);
    }
    if (defaultDimensions !== void 0) {
      this.setDefaultDimensions(defaultDimensions);
    }
    return (_target, _propertyKey, descriptor) => {
      const originalMethod = descriptor.value;
      const metricsRef = this;
      descriptor.value = async function(...args) {
        if (captureColdStartMetric) {
          metricsRef.captureColdStartMetric(args[1].functionName);
        }
        let result;
        try {
          result = await originalMethod.apply(this, args);
        } finally {
          metricsRef.publishStoredMetrics();
        }
        return result;
      };
      return descriptor;
    };
  }
  /**
   * Flush the stored metrics to standard output.
   *
   * The method empties the metrics buffer and emits the metrics to standard output in the Amazon CloudWatch EMF (Embedded Metric Format) schema.
   *
   * When using the {@link Metrics.logMetrics | `logMetrics()`} decorator, or the Middy.js middleware, the metrics are automatically flushed after the handler function returns or throws an error.
   *
   * @example
   * ```typescript
   * import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
   *
   * const metrics = new Metrics({
   *   namespace: 'serverlessAirline',
   *   serviceName: 'orders'
   * });
   *
   * export const handler = async () => {
   *   metrics.addMetric('successfulBooking', MetricUnit.Count, 1);
   *   metrics.publishStoredMetrics();
   * };
   * ```
   */
  publishStoredMetrics() {
    const hasMetrics = this.hasStoredMetrics();
    if (!this.shouldThrowOnEmptyMetrics && !hasMetrics) {
      this.#logger.warn("No application metrics to publish. The cold-start metric may be published if enabled. If application metrics should never be empty, consider using `throwOnEmptyMetrics`");
    }
    try {
      if (!this.disabled) {
        const emfOutput = this.serializeMetrics();
        hasMetrics && this.console.log(JSON.stringify(emfOutput));
      }
    } finally {
      this.clearMetrics();
      this.clearDimensions();
      this.clearMetadata();
    }
    return this;
  }
  /**
   * Flush the stored metrics when the instance goes out of a `using` scope.
   *
   * This implements the [`Disposable`](https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/Symbol/dispose)
   * interface by delegating to {@link Metrics.publishStoredMetrics | `publishStoredMetrics()`}.
   * When the binding declared with `using` leaves scope—including when an exception is thrown—the stored
   * metrics are automatically flushed, removing the need for a manual `try/finally` block.
   *
   * The `using` keyword requires Node.js 24 or newer.
   *
   * @example
   * ```typescript
   * import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
   *
   * const metrics = new Metrics({
   *   namespace: 'serverlessAirline',
   *   serviceName: 'orders'
   * });
   *
   * export const handler = async () => {
   *   using _ = metrics;
   *   metrics.addMetric('successfulBooking', MetricUnit.Count, 1);
   *   // metrics are automatically flushed when the scope exits, including on exceptions
   * };
   * ```
   */
  [Symbol.dispose]() {
    this.publishStoredMetrics();
  }
  /**
   * Sets the timestamp for the metric.
   *
   * If an integer is provided, it is assumed to be the epoch time in milliseconds.
   * If a Date object is provided, it will be converted to epoch time in milliseconds.
   *
   * The timestamp must be a Date object or an integer representing an epoch time.
   * This should not exceed 14 days in the past or be more than 2 hours in the future.
   * Any metrics failing to meet this criteria will be skipped by Amazon CloudWatch.
   *
   * See: https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html
   * See: https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CloudWatch-Logs-Monitoring-CloudWatch-Metrics.html
   *
   * @example
   * ```typescript
   * import { MetricUnit, Metrics } from '@aws-lambda-powertools/metrics';
   *
   * const metrics = new Metrics({
   *   namespace: 'serverlessAirline',
   *   serviceName: 'orders',
   * });
   *
   * export const handler = async () => {
   *   const metricTimestamp = new Date(Date.now() - 24 * 60 * 60 * 1000); // 24 hours ago
   *   metrics.setTimestamp(metricTimestamp);
   *   metrics.addMetric('successfulBooking', MetricUnit.Count, 1);
   * };
   * ```
   * @param timestamp - The timestamp to set, which can be a number or a Date object.
   */
  setTimestamp(timestamp) {
    if (!this.#validateEmfTimestamp(timestamp)) {
      this.#logger.warn("This metric doesn't meet the requirements and will be skipped by Amazon CloudWatch. Ensure the timestamp is within 14 days in the past or up to 2 hours in the future and is also a valid number or Date object.");
    }
    this.#metricsStore.setTimestamp(timestamp);
    return this;
  }
  /**
   * Serialize the stored metrics into a JSON object compliant with the Amazon CloudWatch EMF (Embedded Metric Format) schema.
   *
   * The EMF schema is a JSON object that contains the following properties:
   * - `_aws`: An object containing the timestamp and the CloudWatch metrics.
   * - `CloudWatchMetrics`: An array of CloudWatch metrics objects.
   * - `Namespace`: The namespace of the metrics.
   * - `Dimensions`: An array of dimensions for the metrics.
   * - `Metrics`: An array of metric definitions.
   *
   * The object is then emitted to standard output, which in AWS Lambda is picked up by CloudWatch logs and processed asynchronously.
   */
  serializeMetrics() {
    const metricDefinitions = this.#metricsStore.getAllMetrics().map((metricDefinition) => {
      return {
        Name: metricDefinition.name,
        Unit: metricDefinition.unit,
        ...metricDefinition.resolution === MetricResolution.High ? { StorageResolution: metricDefinition.resolution } : {}
      };
    });
    if (metricDefinitions.length === 0 && this.shouldThrowOnEmptyMetrics) {
      throw new RangeError("The number of metrics recorded must be higher than zero");
    }
    if (!this.namespace)
      this.#logger.warn("Namespace should be defined, default used");
    const metricValues = this.#metricsStore.getAllMetrics().reduce((result, { name, value }) => {
      result[name] = value;
      return result;
    }, {});
    const dimensionNames = [];
    const dimensions = this.#dimensionsStore.getDimensions();
    const dimensionSets = this.#dimensionsStore.getDimensionSets();
    const defaultDimensions = this.#dimensionsStore.getDefaultDimensions();
    const allDimensionKeys = /* @__PURE__ */ new Set([
      ...Object.keys(defaultDimensions),
      ...Object.keys(dimensions)
    ]);
    if (Object.keys(dimensions).length > 0) {
      dimensionNames.push([...allDimensionKeys]);
    }
    for (const dimensionSet of dimensionSets) {
      const dimensionSetKeys = /* @__PURE__ */ new Set([
        ...Object.keys(defaultDimensions),
        ...Object.keys(dimensionSet)
      ]);
      dimensionNames.push([...dimensionSetKeys]);
    }
    if (dimensionNames.length === 0 && Object.keys(defaultDimensions).length > 0) {
      dimensionNames.push(Object.keys(defaultDimensions));
    }
    this.#checkKeyCollisions(defaultDimensions, dimensions, dimensionSets, metricValues, this.#metadataStore.getAll());
    return {
      _aws: {
        Timestamp: this.#metricsStore.getTimestamp() ?? Date.now(),
        CloudWatchMetrics: [
          {
            Namespace: this.namespace || DEFAULT_NAMESPACE,
            Dimensions: dimensionNames,
            Metrics: metricDefinitions
          }
        ]
      },
      // Metadata is spread first so that any colliding key from a dimension
      // source overrides it: dimensions are load-bearing for EMF aggregation,
      // metadata is incidental context.
      ...this.#metadataStore.getAll(),
      ...defaultDimensions,
      ...dimensions,
      // Merge all dimension sets efficiently by mutating the accumulator
      ...dimensionSets.reduce((acc, dims) => {
        for (const [key, value] of Object.entries(dims)) {
          acc[key] = value;
        }
        return acc;
      }, {}),
      ...metricValues
    };
  }
  #checkKeyCollisions(defaultDimensions, dimensions, dimensionSets, metricValues, metadata) {
    const seenKeys = /* @__PURE__ */ new Map();
    const setKey = (k, source) => {
      const existing = seenKeys.get(k);
      if (existing !== void 0) {
        this.#logger.warn(`EMF key "${k}" is defined as both a ${existing} and ${source}; the ${source} value will take precedence in the serialized output`);
      }
      seenKeys.set(k, source);
    };
    for (const k of Object.keys(metadata))
      setKey(k, "metadata");
    for (const k of Object.keys(defaultDimensions))
      setKey(k, "default dimension");
    for (const k of Object.keys(dimensions))
      setKey(k, "dimension");
    for (const set of dimensionSets)
      for (const k of Object.keys(set))
        setKey(k, "dimension set");
    for (const name of Object.keys(metricValues)) {
      const src = seenKeys.get(name);
      if (src !== void 0) {
        throw new Error(`EMF key collision on "${name}": registered as both a metric (number) and a ${src} (string)`);
      }
    }
  }
  /**
   * Set default dimensions that will be added to all metrics.
   *
   * This method will merge the provided dimensions with the existing default dimensions.
   *
   * @example
   * ```typescript
   * import { Metrics } from '@aws-lambda-powertools/metrics';
   *
   * const metrics = new Metrics({
   *   namespace: 'serverlessAirline',
   *   serviceName: 'orders',
   *   defaultDimensions: { environment: 'dev' },
   * });
   *
   * // Default dimensions will contain both region and environment
   * metrics.setDefaultDimensions({
   *   region: 'us-west-2',
   *   environment: 'prod',
   * });
   * ```
   *
   * @param dimensions - The dimensions to be added to the default dimensions object
   */
  setDefaultDimensions(dimensions) {
    const newDimensions = this.#sanitizeDimensions(dimensions);
    const currentDefaultDimensions = this.#dimensionsStore.getDefaultDimensions();
    const currentDimensions = this.#dimensionsStore.getDimensions();
    const dimensionSets = this.#dimensionsStore.getDimensionSets();
    const combinedDefaultKeys = [
      ...Object.keys(currentDefaultDimensions),
      ...Object.keys(newDimensions)
    ];
    const currentDimensionsKeys = Object.keys(currentDimensions);
    let maxProjectedSize = currentDimensionsKeys.length > 0 ? (/* @__PURE__ */ new Set([...combinedDefaultKeys, ...currentDimensionsKeys])).size : new Set(combinedDefaultKeys).size;
    for (const dimensionSet of dimensionSets) {
      const setSize = (/* @__PURE__ */ new Set([
        ...combinedDefaultKeys,
        ...Object.keys(dimensionSet)
      ])).size;
      if (setSize > maxProjectedSize) {
        maxProjectedSize = setSize;
      }
    }
    if (maxProjectedSize > MAX_DIMENSION_COUNT) {
      throw new RangeError(`The number of metric dimensions must be lower than ${MAX_DIMENSION_COUNT}`);
    }
    this.#dimensionsStore.setDefaultDimensions({
      ...currentDefaultDimensions,
      ...newDimensions
    });
    return this;
  }
  /**
   * @deprecated Override the function name for `ColdStart` metrics inferred from the context either via:
   * - `functionName` constructor parameter
   * - `POWERTOOLS_FUNCTION_NAME` environment variable
   * - {@link Metrics.captureColdStartMetric | `captureColdStartMetric('myFunctionName')`} method
   */
  /* v8 ignore next -- @preserve */
  setFunctionName(name) {
    this.functionName = name;
  }
  /**
   * Set the flag to throw an error if no metrics are emitted.
   *
   * You can use this method to enable or disable this opt-in feature. This is useful if you want to ensure
   * that at least one metric is emitted when flushing the metrics. This can be useful to catch bugs where
   * metrics are not being emitted as expected.
   *
   * @param enabled - Whether to throw an error if no metrics are emitted
   */
  setThrowOnEmptyMetrics(enabled) {
    this.shouldThrowOnEmptyMetrics = enabled;
    return this;
  }
  /**
   * Create a new Metrics instance configured to immediately flush a single metric.
   *
   * CloudWatch EMF uses the same dimensions and timestamp across all your metrics, this is useful when you have a metric that should have different dimensions
   * or when you want to emit a single metric without buffering it.
   *
   * This method is used internally by the {@link Metrics.captureColdStartMetric | `captureColdStartMetric()`} method to emit the `ColdStart` metric immediately
   * after the handler function is called.
   *
   * @example
   * ```typescript
   * import { Metrics } from '@aws-lambda-powertools/metrics';
   *
   * const metrics = new Metrics({
   *   namespace: 'serverlessAirline',
   *   serviceName: 'orders'
   * });
   *
   * export const handler = async () => {
   *   const singleMetric = metrics.singleMetric();
   *   // The single metric will be emitted immediately
   *   singleMetric.addMetric('ColdStart', MetricUnit.Count, 1);
   *
   *   // These other metrics will be buffered and emitted when calling `publishStoredMetrics()`
   *   metrics.addMetric('successfulBooking', MetricUnit.Count, 1);
   *   metrics.publishStoredMetrics();
   * };
   */
  singleMetric() {
    return new _Metrics({
      namespace: this.namespace,
      defaultDimensions: this.#dimensionsStore.getDefaultDimensions(),
      singleMetric: true,
      logger: this.#logger
    });
  }
  /**
   * @deprecated Use {@link Metrics.setThrowOnEmptyMetrics | `setThrowOnEmptyMetrics()`} instead.
   */
  /* v8 ignore next -- @preserve */
  throwOnEmptyMetrics() {
    this.shouldThrowOnEmptyMetrics = true;
  }
  /**
   * Get the custom config service if it exists.
   */
  getCustomConfigService() {
    return this.customConfigService;
  }
  /**
   * Initialize the console property as an instance of the internal version of `Console()` class (PR #748)
   * or as the global node console if the `POWERTOOLS_DEV' env variable is set and has truthy value.
   *
   * @private
   */
  setConsole() {
    if (this.#envConfig.devMode) {
      this.console = console;
    } else {
      this.console = new import_node_console2.Console({
        stdout: process.stdout,
        stderr: process.stderr
      });
    }
  }
  /**
   * Set the custom config service to be used.
   *
   * @param customConfigService The custom config service to be used
   */
  setCustomConfigService(customConfigService) {
    this.customConfigService = customConfigService;
  }
  /**
   * Set the environment variables service to be used.
   */
  setEnvConfig() {
    this.#envConfig.namespace = getStringFromEnv({
      key: "POWERTOOLS_METRICS_NAMESPACE",
      defaultValue: ""
    });
    this.#envConfig.functionName = getStringFromEnv({
      key: "POWERTOOLS_METRICS_FUNCTION_NAME",
      defaultValue: ""
    });
    this.#envConfig.serviceName = getServiceName();
    this.#envConfig.disabled = getBooleanFromEnv({
      key: "POWERTOOLS_METRICS_DISABLED",
      defaultValue: false,
      extendedParsing: true
    });
    this.#envConfig.devMode = isDevMode();
  }
  /**
   * Set the function name for the cold start metric.
   *
   * @param functionName - The function name to be used for the cold start metric set in the constructor
   */
  setFunctionNameForColdStartMetric(functionName) {
    const value = functionName?.trim() ?? this.#envConfig.functionName;
    if (value && value.length > 0) {
      this.functionName = value;
    }
  }
  /**
   * Set the namespace to be used.
   *
   * @param namespace - The namespace to be used
   */
  setNamespace(namespace) {
    this.namespace = namespace || this.getCustomConfigService()?.getNamespace() || this.#envConfig.namespace;
  }
  /**
   * Set the disbaled flag based on the environment variables `POWERTOOLS_METRICS_DISABLED` and `POWERTOOLS_DEV`.
   *
   * The `POWERTOOLS_METRICS_DISABLED` environment variable takes precedence over `POWERTOOLS_DEV`.
   */
  setDisabled() {
    if ("POWERTOOLS_METRICS_DISABLED" in process.env && process.env.POWERTOOLS_METRICS_DISABLED !== void 0) {
      this.disabled = this.#envConfig.disabled;
      return;
    }
    this.disabled = this.#envConfig.devMode;
  }
  /**
   * Set the options to be used by the Metrics instance.
   *
   * This method is used during the initialization of the Metrics instance.
   *
   * @param options - The options to be used
   */
  setOptions(options) {
    const { customConfigService, namespace, serviceName, singleMetric, defaultDimensions, functionName } = options;
    this.setCustomConfigService(customConfigService);
    this.setDisabled();
    this.setNamespace(namespace);
    const resolvedServiceName = this.#resolveServiceName(serviceName);
    this.setDefaultDimensions(defaultDimensions ? { service: resolvedServiceName, ...defaultDimensions } : { service: resolvedServiceName });
    this.setFunctionNameForColdStartMetric(functionName);
    this.isSingleMetric = singleMetric || false;
    return this;
  }
  /**
   * Set the service dimension that will be included in the metrics.
   *
   * @param service - The service to be used
   */
  #resolveServiceName(service) {
    return service || this.getCustomConfigService()?.getServiceName() || this.#envConfig.serviceName || this.defaultServiceName;
  }
  /**
   * Store a metric in the buffer.
   *
   * If the buffer is full, or the metric reaches the maximum number of values,
   * the metrics are flushed to stdout.
   *
   * @param name - The name of the metric to store
   * @param unit - The unit of the metric to store
   * @param value - The value of the metric to store
   * @param resolution - The resolution of the metric to store
   */
  storeMetric(name, unit, value, resolution) {
    if (!isString(name))
      throw new Error(`${name} is not a valid string`);
    if (name.length < MIN_METRIC_NAME_LENGTH || name.length > MAX_METRIC_NAME_LENGTH)
      throw new RangeError(`The metric name should be between ${MIN_METRIC_NAME_LENGTH} and ${MAX_METRIC_NAME_LENGTH} characters`);
    if (!isNumber(value))
      throw new RangeError(`${value} is not a valid number`);
    if (!Object.values(MetricUnit).includes(unit))
      throw new RangeError(`Invalid metric unit '${unit}', expected either option: ${Object.values(MetricUnit).join(",")}`);
    if (!Object.values(MetricResolution).includes(resolution))
      throw new RangeError(`Invalid metric resolution '${resolution}', expected either option: ${Object.values(MetricResolution).join(",")}`);
    if (this.#metricsStore.getMetricsCount() >= MAX_METRICS_SIZE) {
      this.publishStoredMetrics();
    }
    const storedMetric = this.#metricsStore.setMetric(name, unit, value, resolution);
    if (Array.isArray(storedMetric.value) && storedMetric.value.length === MAX_METRIC_VALUES_SIZE) {
      this.publishStoredMetrics();
    }
  }
  /**
   * Validates a given timestamp based on CloudWatch Timestamp guidelines.
   *
   * Timestamp must meet CloudWatch requirements.
   * The time stamp can be up to two weeks in the past and up to two hours into the future.
   * See [Timestamps](https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_concepts.html#about_timestamp)
   * for valid values.
   *
   * @param timestamp - Date object or epoch time in milliseconds representing the timestamp to validate.
   */
  #validateEmfTimestamp(timestamp) {
    const isDate = timestamp instanceof Date;
    if (!isDate && !isIntegerNumber(timestamp)) {
      return false;
    }
    const timestampMs = isDate ? timestamp.getTime() : timestamp;
    const currentTime = Date.now();
    const minValidTimestamp = currentTime - EMF_MAX_TIMESTAMP_PAST_AGE;
    const maxValidTimestamp = currentTime + EMF_MAX_TIMESTAMP_FUTURE_AGE;
    return timestampMs >= minValidTimestamp && timestampMs <= maxValidTimestamp;
  }
  /**
   * Sanitizes the dimensions by removing invalid entries and skipping duplicates.
   *
   * @param dimensions - The dimensions to sanitize.
   */
  #sanitizeDimensions(dimensions) {
    const newDimensions = {};
    const currentDimensions = this.#dimensionsStore.getDimensions();
    for (const [key, value] of Object.entries(dimensions)) {
      if (isStringUndefinedNullEmpty(key) || isStringUndefinedNullEmpty(value)) {
        this.#logger.warn(`The dimension ${key} doesn't meet the requirements and won't be added. Ensure the dimension name and value are non empty strings`);
        continue;
      }
      const defaultDimensions = this.#dimensionsStore.getDefaultDimensions();
      if (Object.hasOwn(currentDimensions, key) || Object.hasOwn(defaultDimensions, key) || Object.hasOwn(newDimensions, key)) {
        this.#logger.warn(`Dimension "${key}" has already been added. The previous value will be overwritten.`);
      }
      newDimensions[key] = value;
    }
    return newDimensions;
  }
};

// ../../node_modules/@aws-lambda-powertools/parameters/lib/esm/secrets/SecretsProvider.js
var import_client_secrets_manager = require("@aws-sdk/client-secrets-manager");

// ../../node_modules/@aws-lambda-powertools/parameters/node_modules/@aws-lambda-powertools/commons/lib/esm/version.js
var PT_VERSION2 = "2.35.0";

// ../../node_modules/@aws-lambda-powertools/parameters/node_modules/@aws-lambda-powertools/commons/lib/esm/awsSdkUtils.js
var EXEC_ENV2 = process.env.AWS_EXECUTION_ENV || "NA";
var middlewareOptions = {
  relation: "after",
  toMiddleware: "getUserAgentMiddleware",
  name: "addPowertoolsToUserAgent",
  tags: ["POWERTOOLS", "USER_AGENT"]
};
var isSdkClient2 = (client) => typeof client === "object" && client !== null && "send" in client && typeof client.send === "function" && "config" in client && client.config !== void 0 && typeof client.config === "object" && client.config !== null && "middlewareStack" in client && client.middlewareStack !== void 0 && typeof client.middlewareStack === "object" && client.middlewareStack !== null && "identify" in client.middlewareStack && typeof client.middlewareStack.identify === "function" && "addRelativeTo" in client.middlewareStack && typeof client.middlewareStack.addRelativeTo === "function";
var customUserAgentMiddleware = (feature) => {
  return (next) => async (args) => {
    const existingUserAgent = args.request.headers["user-agent"] || "";
    if (existingUserAgent.includes("PT/NO-OP")) {
      const featureSpecificUserAgent = existingUserAgent.replace("PT/NO-OP", `PT/${feature}/${PT_VERSION2} PTEnv/${EXEC_ENV2}`);
      args.request.headers["user-agent"] = featureSpecificUserAgent;
      return await next(args);
    }
    if (existingUserAgent.includes("PT/")) {
      return await next(args);
    }
    args.request.headers["user-agent"] = existingUserAgent === "" ? `PT/${feature}/${PT_VERSION2} PTEnv/${EXEC_ENV2}` : `${existingUserAgent} PT/${feature}/${PT_VERSION2} PTEnv/${EXEC_ENV2}`;
    return await next(args);
  };
};
var hasPowertools = (middlewareStack) => {
  let found = false;
  for (const middleware of middlewareStack) {
    if (middleware.includes("addPowertoolsToUserAgent")) {
      found = true;
    }
  }
  return found;
};
var addUserAgentMiddleware2 = (client, feature) => {
  try {
    if (isSdkClient2(client)) {
      if (hasPowertools(client.middlewareStack.identify())) {
        return;
      }
      client.middlewareStack.addRelativeTo(customUserAgentMiddleware(feature), middlewareOptions);
    } else {
      throw new Error("The client provided does not match the expected interface");
    }
  } catch (error) {
    console.warn("Failed to add user agent middleware", error);
  }
};

// ../../node_modules/@aws-lambda-powertools/parameters/node_modules/@aws-lambda-powertools/commons/lib/esm/middleware/constants.js
var PREFIX2 = "powertools-for-aws";
var TRACER_KEY2 = `${PREFIX2}.tracer`;
var METRICS_KEY2 = `${PREFIX2}.metrics`;
var LOGGER_KEY2 = `${PREFIX2}.logger`;
var IDEMPOTENCY_KEY2 = `${PREFIX2}.idempotency`;

// ../../node_modules/@aws-lambda-powertools/parameters/node_modules/@aws-lambda-powertools/commons/lib/esm/typeUtils.js
var isRecord2 = (value) => {
  return Object.prototype.toString.call(value) === "[object Object]" && !Object.is(value, null);
};
var isString2 = (value) => {
  return typeof value === "string";
};
var isNull2 = (value) => {
  return Object.is(value, null);
};
var isNullOrUndefined2 = (value) => {
  return isNull2(value) || Object.is(value, void 0);
};

// ../../node_modules/@aws-lambda-powertools/parameters/node_modules/@aws-lambda-powertools/commons/lib/esm/index.js
var env2 = process.env.AWS_EXECUTION_ENV || "NA";
if (!process.env.AWS_SDK_UA_APP_ID?.includes("/PTEnv/")) {
  const ptUserAgent = `PT/NO-OP/${PT_VERSION2}/PTEnv/${env2}`;
  process.env.AWS_SDK_UA_APP_ID = process.env.AWS_SDK_UA_APP_ID ? `${process.env.AWS_SDK_UA_APP_ID}/${ptUserAgent}` : ptUserAgent;
}

// ../../node_modules/@aws-lambda-powertools/parameters/lib/esm/errors.js
var GetParameterError = class extends Error {
  constructor(message, options) {
    super(message, options);
    this.name = "GetParameterError";
  }
};
var ParameterNotFoundError = class extends GetParameterError {
  constructor(message, options) {
    super(message, options);
    this.name = "ParameterNotFoundError";
  }
};
var TransformParameterError = class extends Error {
  constructor(transform, message) {
    super(message);
    this.name = "TransformParameterError";
    this.message = `Unable to transform value using '${transform}' transform: ${message}`;
  }
};

// ../../node_modules/@aws-lambda-powertools/parameters/lib/esm/base/ExpirableValue.js
var ExpirableValue = class {
  ttl;
  value;
  /**
   *
   * @param value - Value to be cached
   * @param maxAge - Maximum age in seconds for the value to be cached
   */
  constructor(value, maxAge) {
    this.value = value;
    const timeNow = /* @__PURE__ */ new Date();
    this.ttl = timeNow.setSeconds(timeNow.getSeconds() + maxAge);
  }
  /**
   * Check if the value has expired.
   *
   * @returns {boolean} - True if the value has expired, false otherwise
   */
  isExpired() {
    return this.ttl < Date.now();
  }
};

// ../../node_modules/@aws-lambda-powertools/parameters/node_modules/@aws-lambda-powertools/commons/lib/esm/envUtils.js
var getStringFromEnv2 = ({ key, defaultValue, errorMessage }) => {
  const value = process.env[key];
  if (value === void 0) {
    if (defaultValue !== void 0) {
      return defaultValue;
    }
    if (errorMessage) {
      throw new Error(errorMessage);
    }
    throw new Error(`Environment variable ${key} is required`);
  }
  return value.trim();
};
var getNumberFromEnv2 = ({ key, defaultValue, errorMessage }) => {
  const value = getStringFromEnv2({
    key,
    defaultValue: String(defaultValue),
    errorMessage
  });
  const parsedValue = Number(value);
  if (Number.isNaN(parsedValue)) {
    throw new TypeError(`Environment variable ${key} must be a number`);
  }
  return parsedValue;
};

// ../../node_modules/@aws-lambda-powertools/parameters/lib/esm/constants.js
var DEFAULT_MAX_AGE_SECS = 5;
var TRANSFORM_METHOD_JSON = "json";
var TRANSFORM_METHOD_BINARY = "binary";
var APPCONFIG_TOKEN_EXPIRATION = 23 * 60 * 60 * 1e3 + 45 * 60 * 1e3;

// ../../node_modules/@aws-lambda-powertools/parameters/lib/esm/base/GetOptions.js
var GetOptions = class {
  forceFetch = false;
  maxAge;
  sdkOptions;
  throwOnMissing = false;
  transform;
  constructor(options = {}) {
    Object.assign(this, options);
    if (options.maxAge === void 0) {
      this.maxAge = getNumberFromEnv2({
        key: "POWERTOOLS_PARAMETERS_MAX_AGE",
        defaultValue: DEFAULT_MAX_AGE_SECS
      });
    }
  }
};

// ../../node_modules/@aws-lambda-powertools/parameters/lib/esm/base/GetMultipleOptions.js
var GetMultipleOptions = class extends GetOptions {
  throwOnTransformError = false;
  constructor(options = {}) {
    super(options);
    if (options.throwOnTransformError !== void 0) {
      this.throwOnTransformError = options.throwOnTransformError;
    }
  }
};

// ../../node_modules/@aws-lambda-powertools/parameters/node_modules/@aws-lambda-powertools/commons/lib/esm/fromBase64.js
var BASE64_REGEX = /^[A-Za-z0-9+/]*={0,2}$/;
var fromBase64 = (input, encoding) => {
  if (input.length * 3 % 4 !== 0) {
    throw new TypeError("Incorrect padding on base64 string.");
  }
  if (!BASE64_REGEX.exec(input)) {
    throw new TypeError("Invalid base64 string.");
  }
  const buffer = encoding ? Buffer.from(input, encoding) : Buffer.from(input);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
};

// ../../node_modules/@aws-lambda-powertools/parameters/lib/esm/base/transformValue.js
var transformValue = (value, transform, throwOnTransformError, key) => {
  const normalizedTransform = transform.toLowerCase();
  const isAutoTransform = normalizedTransform === "auto";
  const isAutoJsonTransform = isAutoTransform && key.toLowerCase().endsWith(`.${TRANSFORM_METHOD_JSON}`);
  const isAutoBinaryTransform = isAutoTransform && key.toLowerCase().endsWith(`.${TRANSFORM_METHOD_BINARY}`);
  const isJsonTransform = normalizedTransform === TRANSFORM_METHOD_JSON;
  const isBinaryTransform = normalizedTransform === TRANSFORM_METHOD_BINARY;
  if (!(value instanceof Uint8Array || isString2(value)) || isAutoTransform && !isAutoJsonTransform && !isAutoBinaryTransform) {
    return value;
  }
  try {
    const valueToTransform = value instanceof Uint8Array ? new TextDecoder("utf-8").decode(value) : value;
    if (isJsonTransform || isAutoJsonTransform) {
      return JSON.parse(valueToTransform);
    }
    if (isBinaryTransform || isAutoBinaryTransform) {
      return new TextDecoder("utf-8").decode(fromBase64(valueToTransform, "base64"));
    }
  } catch (error) {
    if (throwOnTransformError)
      throw new TransformParameterError(transform, error.message);
    return;
  }
};

// ../../node_modules/@aws-lambda-powertools/parameters/lib/esm/base/BaseProvider.js
var BaseProvider = class {
  client;
  store;
  constructor({ awsSdkV3Client, clientConfig, awsSdkV3ClientPrototype }) {
    this.store = /* @__PURE__ */ new Map();
    if (awsSdkV3Client) {
      if (!isSdkClient2(awsSdkV3Client) && awsSdkV3ClientPrototype) {
        console.warn("awsSdkV3Client is not an AWS SDK v3 client, using default client");
        this.client = new awsSdkV3ClientPrototype(clientConfig ?? {});
      } else {
        this.client = awsSdkV3Client;
      }
    } else if (awsSdkV3ClientPrototype) {
      this.client = new awsSdkV3ClientPrototype(clientConfig ?? {});
    }
    if (isSdkClient2(this.client)) {
      addUserAgentMiddleware2(this.client, "parameters");
    }
  }
  /**
   * Add a value to the cache.
   *
   * @param {string} key - Key of the cached value
   * @param {string | Uint8Array | Record<string, unknown>} value - Value to be cached
   * @param {number} maxAge - Maximum age in seconds for the value to be cached
   */
  addToCache(key, value, maxAge) {
    if (maxAge <= 0)
      return;
    this.store.set(key, new ExpirableValue(value, maxAge));
  }
  /**
   * Clear the cache.
   */
  clearCache() {
    this.store.clear();
  }
  /**
   * Retrieve a parameter value or return the cached value.
   *
   * @param {string} name - Parameter name
   * @param {GetOptionsInterface} options - Options to configure maximum age, trasformation, AWS SDK options, or force fetch
   */
  async get(name, options) {
    const configs = new GetOptions(options);
    const key = [name, configs.transform].toString();
    if (!configs.forceFetch && !this.hasKeyExpiredInCache(key)) {
      return this.store.get(key).value;
    }
    try {
      let value = await this._get(name, options);
      if (isNullOrUndefined2(value)) {
        if (configs.throwOnMissing) {
          throw new ParameterNotFoundError(`Parameter ${name} not found in the store`);
        }
        return void 0;
      }
      if (configs.transform && (isString2(value) || value instanceof Uint8Array)) {
        value = transformValue(value, configs.transform, true, name);
      }
      this.addToCache(key, value, configs.maxAge);
      return value;
    } catch (error) {
      if (error instanceof TransformParameterError)
        throw error;
      if (error instanceof ParameterNotFoundError)
        throw error;
      throw new GetParameterError(error.message, {
        cause: error
      });
    }
  }
  /**
   * Retrieve multiple parameter values or return the cached values.
   *
   * @param {string} path - Parameters path
   * @param {GetMultipleOptionsInterface} options - Options to configure maximum age, trasformation, AWS SDK options, or force fetch
   * @returns
   */
  async getMultiple(path, options) {
    const configs = new GetMultipleOptions(options);
    const key = [path, configs.transform].toString();
    if (!configs.forceFetch && !this.hasKeyExpiredInCache(key)) {
      return this.store.get(key).value;
    }
    let values;
    try {
      values = await this._getMultiple(path, options);
      if (!isRecord2(values)) {
        throw new GetParameterError(`Expected result to be a Record<string, unknown> but got ${typeof values}`);
      }
    } catch (error) {
      throw new GetParameterError(error.message, {
        cause: error
      });
    }
    if (configs.transform) {
      for (const [entryKey, entryValue] of Object.entries(values)) {
        if (!(isString2(entryValue) || entryValue instanceof Uint8Array))
          continue;
        try {
          values[entryKey] = transformValue(entryValue, configs.transform, configs.throwOnTransformError, entryKey);
        } catch (error) {
          if (configs.throwOnTransformError) {
            if (error instanceof TransformParameterError) {
              throw error;
            }
            const wrapped = new TransformParameterError(configs.transform, error.message);
            wrapped.stack = error.stack;
            throw wrapped;
          }
        }
      }
    }
    if (Object.keys(values).length !== 0) {
      this.addToCache(key, values, configs.maxAge);
    }
    return values;
  }
  /**
   * Check whether a key has expired in the cache or not.
   *
   * It returns true if the key is expired or not present in the cache.
   *
   * @param {string} key - Stringified representation of the key to retrieve
   */
  hasKeyExpiredInCache(key) {
    const value = this.store.get(key);
    if (value)
      return value.isExpired();
    return true;
  }
};

// ../../node_modules/@aws-lambda-powertools/parameters/lib/esm/secrets/SecretsProvider.js
var SecretsProvider = class extends BaseProvider {
  constructor(config) {
    super({
      awsSdkV3ClientPrototype: import_client_secrets_manager.SecretsManagerClient,
      ...config ?? {}
    });
  }
  /**
   * Retrieve a secret from AWS Secrets Manager.
   *
   * @example
   * ```typescript
   * import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
   *
   * const secretsProvider = new SecretsProvider();
   *
   * export const handler = async (): Promise<void> => {
   *   // Retrieve a secret
   *   const secret = await secretsProvider.get('my-secret');
   * };
   * ```
   *
   * @see https://docs.aws.amazon.com/powertools/typescript/latest/features/parameters/
   *
   * @param name - The name of the secret to retrieve
   * @param options - Optional options to configure the provider
   * @param options.maxAge - Optional maximum age of the value in the cache, in seconds (default: `5`)
   * @param options.forceFetch - Optional flag to always fetch a new value from the store regardless if already available in cache (default: `false`)
   * @param options.transform - Optional transform to be applied, can be `json` or `binary`
   * @param options.sdkOptions - Optional additional options to pass to the AWS SDK v3 client, supports all options from {@link GetSecretValueCommandInput | `GetSecretValueCommandInput`} except `SecretId`
   */
  get(name, options) {
    return super.get(name, options);
  }
  /**
   * Retrieving multiple secrets is not supported with AWS Secrets Manager.
   */
  async getMultiple(path, _options) {
    await super.getMultiple(path);
  }
  /**
   * Retrieve a secret from AWS Secrets Manager.
   *
   * @param name - Name of the secret or its ID
   * @param options - SDK options to propagate to the AWS SDK v3 for JavaScript client
   * @param options.sdkOptions - Extra options to pass to the AWS SDK v3 for JavaScript client, accepts the same options as {@link GetSecretValueCommandInput | `GetSecretValueCommandInput`} except `SecretId`.
   */
  async _get(name, options) {
    const sdkOptions = {
      ...options?.sdkOptions || {},
      SecretId: name
    };
    try {
      const result = await this.client.send(new import_client_secrets_manager.GetSecretValueCommand(sdkOptions));
      if (result.SecretString)
        return result.SecretString;
      return result.SecretBinary;
    } catch (error) {
      if (options?.throwOnMissing && error instanceof import_client_secrets_manager.ResourceNotFoundException) {
        return void 0;
      }
      throw error;
    }
  }
  /**
   * Retrieving multiple secrets is not supported with AWS Secrets Manager.
   *
   * @throws Not Implemented Error.
   */
  _getMultiple(_path, _options) {
    throw new Error("Method not implemented.");
  }
};

// src/alarms/teams-forwarder/alarm-message.ts
function parseAlarmNotification(message) {
  let parsed;
  try {
    parsed = JSON.parse(message);
  } catch {
    return void 0;
  }
  if (!parsed || typeof parsed !== "object") return void 0;
  const candidate = parsed;
  const isAlarm = typeof candidate.AlarmName === "string" && typeof candidate.NewStateValue === "string" && typeof candidate.AWSAccountId === "string";
  return isAlarm ? candidate : void 0;
}
var REGION_IN_ARN = /^arn:aws[a-z-]*:cloudwatch:([a-z0-9-]+):/;
function alarmRegion(alarm, defaultRegion) {
  return REGION_IN_ARN.exec(alarm.AlarmArn ?? "")?.[1] ?? defaultRegion;
}
function alarmConsoleUrl(alarm, region) {
  return `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#alarmsV2:alarm/${encodeURIComponent(alarm.AlarmName)}`;
}
var RUNBOOK = /runbook:\s*(https:\/\/\S+)/i;
var DASHBOARD = /dashboard:\s*(https:\/\/\S+)/i;
var ANY_URL = /(https:\/\/\S+)/gi;
function runbookUrl(description) {
  if (!description) return void 0;
  const labelled = RUNBOOK.exec(description)?.[1];
  if (labelled) return labelled;
  const dashboard = dashboardUrl(description);
  return [...description.matchAll(ANY_URL)].map((m) => m[1]).find((url) => url !== dashboard);
}
function dashboardUrl(description) {
  return description ? DASHBOARD.exec(description)?.[1] : void 0;
}

// src/alarms/teams-forwarder/card.ts
var MAX_PAYLOAD_BYTES = 28 * 1024;
var STATE_STYLES = {
  ALARM: { style: "attention", color: "Attention", icon: "\u{1F534}" },
  OK: { style: "good", color: "Good", icon: "\u2705" },
  INSUFFICIENT_DATA: { style: "warning", color: "Warning", icon: "\u26A0\uFE0F" }
};
var OTHER_STATE = { style: "emphasis", color: "Default", icon: "\u2139\uFE0F" };
function truncate(text, max) {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}\u2026`;
}
function describeMetric(trigger) {
  if (!trigger) return void 0;
  if (trigger.MetricName) {
    const statistic = trigger.ExtendedStatistic ?? trigger.Statistic;
    return [trigger.Namespace, trigger.MetricName, statistic ? `(${statistic.toLowerCase()})` : void 0].filter(Boolean).join(" ");
  }
  const expression = trigger.Metrics?.find((m) => m.ReturnData)?.Expression ?? trigger.Metrics?.find((m) => m.Expression)?.Expression;
  return expression ? `expression ${expression}` : void 0;
}
function describeThreshold(trigger) {
  if (!trigger || trigger.Threshold === void 0) return void 0;
  const window = trigger.Period && trigger.EvaluationPeriods ? ` over ${trigger.DatapointsToAlarm ?? trigger.EvaluationPeriods} of ${trigger.EvaluationPeriods} \xD7 ${trigger.Period} s` : "";
  return `${trigger.ComparisonOperator ?? ""} ${trigger.Threshold}${window}`.trim();
}
function fact(title, value, max) {
  return value ? [{ title, value: truncate(value, max) }] : [];
}
function wrap(content) {
  return {
    type: "message",
    attachments: [{ contentType: "application/vnd.microsoft.card.adaptive", contentUrl: null, content }]
  };
}
function adaptiveCard(body, actions) {
  return {
    $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
    type: "AdaptiveCard",
    version: "1.4",
    msteams: { width: "Full" },
    body,
    ...actions.length > 0 ? { actions } : {}
  };
}
function header(text, state) {
  return {
    type: "Container",
    style: state.style,
    bleed: true,
    items: [{ type: "TextBlock", text, weight: "Bolder", size: "Medium", color: state.color, wrap: true }]
  };
}
function alarmCard(alarm, context, max) {
  const state = STATE_STYLES[alarm.NewStateValue] ?? OTHER_STATE;
  const region = alarmRegion(alarm, context.defaultRegion);
  const runbook = runbookUrl(alarm.AlarmDescription);
  const dashboard = dashboardUrl(alarm.AlarmDescription);
  const body = [
    header(truncate(`${state.icon} ${alarm.NewStateValue}: ${alarm.AlarmName}`, max), state),
    { type: "TextBlock", text: truncate(alarm.NewStateReason ?? "", max), wrap: true }
  ];
  if (alarm.AlarmDescription) {
    body.push({ type: "TextBlock", text: truncate(alarm.AlarmDescription, max), wrap: true, isSubtle: true, size: "Small" });
  }
  body.push({
    type: "FactSet",
    facts: [
      ...fact("Metric", describeMetric(alarm.Trigger), max),
      ...fact("Threshold", describeThreshold(alarm.Trigger), max),
      ...fact("Previous state", alarm.OldStateValue, max),
      { title: "Account", value: alarm.AWSAccountId },
      { title: "Region", value: region },
      ...fact("Time", alarm.StateChangeTime, max)
    ]
  });
  const actions = [
    { type: "Action.OpenUrl", title: "Open in CloudWatch", url: alarmConsoleUrl(alarm, region) },
    ...dashboard ? [{ type: "Action.OpenUrl", title: "Dashboard", url: dashboard }] : [],
    ...runbook ? [{ type: "Action.OpenUrl", title: "Runbook", url: runbook }] : []
  ];
  return wrap(adaptiveCard(body, actions));
}
function prettyText(message) {
  try {
    return JSON.stringify(JSON.parse(message), null, 2);
  } catch {
    return message;
  }
}
function plainCard(subject, message, max) {
  return wrap(adaptiveCard([
    header(truncate(subject || "Notification", max), OTHER_STATE),
    { type: "TextBlock", text: truncate(prettyText(message), max), wrap: true, fontType: "Monospace" }
  ], []));
}
function payloadBytes(message) {
  return Buffer.byteLength(JSON.stringify(message), "utf8");
}
function buildTeamsMessage(subject, message, alarm, context) {
  for (let max = 8e3; ; max = Math.floor(max / 2)) {
    const card = alarm ? alarmCard(alarm, context, max) : plainCard(subject, message, max);
    if (payloadBytes(card) < MAX_PAYLOAD_BYTES || max < 64) return card;
  }
}

// src/alarms/teams-forwarder/backoff.ts
function backoffMs(attempt, baseMs, capMs, random = Math.random) {
  const ceiling = Math.min(capMs, baseMs * 2 ** attempt);
  return Math.floor(random() * ceiling);
}

// src/alarms/teams-forwarder/rate-limiter.ts
var MinIntervalLimiter = class {
  constructor(intervalMs, now = Date.now, sleep = defaultSleep) {
    this.intervalMs = intervalMs;
    this.now = now;
    this.sleep = sleep;
  }
  intervalMs;
  now;
  sleep;
  nextSlot = 0;
  /** Waits for this environment's next free slot and takes it. */
  async acquire() {
    const now = this.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + this.intervalMs;
    if (slot > now) await this.sleep(slot - now);
  }
  /** Pushes the next slot back, e.g. by a `Retry-After` the server asked for. */
  deferUntil(time) {
    this.nextSlot = Math.max(this.nextSlot, time);
  }
};
function defaultSleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// src/alarms/teams-forwarder/retry-after.ts
function retryAfterMs(header2, now = Date.now()) {
  if (!header2) return void 0;
  const value = header2.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1e3);
  const date = Date.parse(value);
  return Number.isNaN(date) ? void 0 : Math.max(0, date - now);
}

// src/alarms/teams-forwarder/delivery.ts
var DeliveryError = class extends Error {
  constructor(message, attempts, lastStatus) {
    super(message);
    this.attempts = attempts;
    this.lastStatus = lastStatus;
    this.name = "DeliveryError";
  }
  attempts;
  lastStatus;
};
function isRetryableStatus(status) {
  return status === 408 || status === 429 || status >= 500;
}
async function deliver(url, body, options) {
  const sleep = options.sleep ?? defaultSleep;
  const now = options.now ?? Date.now;
  let lastProblem = "not attempted";
  let lastStatus;
  for (let attempt = 1; attempt <= options.maxAttempts; attempt++) {
    await options.limiter.acquire();
    let waitMs;
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
        signal: AbortSignal.timeout(options.requestTimeoutMs)
      });
      await response.arrayBuffer().catch(() => void 0);
      if (response.ok) return { attempts: attempt, status: response.status };
      lastStatus = response.status;
      lastProblem = `HTTP ${response.status}`;
      if (!isRetryableStatus(response.status)) {
        throw new DeliveryError(`Teams rejected the message with ${lastProblem}; not retrying`, attempt, lastStatus);
      }
      const asked = retryAfterMs(response.headers.get("retry-after"), now());
      waitMs = Math.min(options.maxDelayMs, asked ?? backoffMs(attempt - 1, options.baseDelayMs, options.maxDelayMs, options.random));
      if (asked !== void 0) options.limiter.deferUntil(now() + waitMs);
    } catch (e) {
      if (e instanceof DeliveryError) throw e;
      lastStatus = void 0;
      lastProblem = e.name === "TimeoutError" ? `timeout after ${options.requestTimeoutMs} ms` : `network error: ${e.message}`;
      waitMs = backoffMs(attempt - 1, options.baseDelayMs, options.maxDelayMs, options.random);
    }
    if (attempt === options.maxAttempts) break;
    if (now() + waitMs >= options.deadline) {
      throw new DeliveryError(`Gave up before the Lambda deadline after ${attempt} attempts; last: ${lastProblem}`, attempt, lastStatus);
    }
    await sleep(waitMs);
  }
  throw new DeliveryError(`Gave up after ${options.maxAttempts} attempts; last: ${lastProblem}`, options.maxAttempts, lastStatus);
}

// src/alarms/teams-forwarder/forwarder.ts
var DEADLINE_MARGIN_MS = 2e3;
function createForwarder(deps) {
  return async (event, context) => {
    const remaining = context?.getRemainingTimeInMillis() ?? 6e4;
    const deadline = Date.now() + remaining - DEADLINE_MARGIN_MS;
    try {
      const url = await deps.webhookUrl();
      for (const record of event.Records) {
        const { Subject, Message, MessageId } = record.Sns;
        const alarm = parseAlarmNotification(Message);
        const body = JSON.stringify(buildTeamsMessage(Subject ?? void 0, Message, alarm, { defaultRegion: deps.region }));
        try {
          const result = await deliver(url, body, { ...deps.delivery, deadline, limiter: deps.limiter });
          deps.metrics.addMetric("Delivered", "Count", 1);
          deps.metrics.addMetric("DeliveryAttempts", "Count", result.attempts);
          deps.logger.info("Delivered to Teams", { messageId: MessageId, alarm: alarm?.AlarmName, state: alarm?.NewStateValue, attempts: result.attempts, bytes: body.length });
        } catch (e) {
          deps.metrics.addMetric("DeliveryFailed", "Count", 1);
          const attempts = e instanceof DeliveryError ? e.attempts : void 0;
          deps.logger.error(
            "Could not deliver to Teams; failing the invocation so Lambda retries, then dead-letters it",
            { messageId: MessageId, alarm: alarm?.AlarmName, attempts, error: e.message }
          );
          throw e;
        }
      }
    } finally {
      deps.metrics.publishStoredMetrics();
    }
  };
}

// src/alarms/teams-forwarder/webhook-url.ts
function webhookUrlFromSecret(value) {
  const text = (typeof value === "string" ? value : Buffer.from(value ?? []).toString("utf8")).trim();
  let candidate = text;
  if (text.startsWith("{")) {
    try {
      candidate = String(JSON.parse(text).url ?? "");
    } catch {
      candidate = "";
    }
  }
  let url;
  try {
    url = new URL(candidate);
  } catch {
    throw new Error('The webhook secret does not hold a URL: store the Teams Workflows URL (or {"url": "..."}) in it');
  }
  if (url.protocol !== "https:" && !isLoopback(url)) {
    throw new Error("The webhook URL must use https");
  }
  return url.toString();
}
function isLoopback(url) {
  return url.protocol === "http:" && (url.hostname === "127.0.0.1" || url.hostname === "localhost");
}
var REGION_IN_SECRET_ARN = /^arn:aws[a-z-]*:secretsmanager:([a-z0-9-]+):/;
function secretRegion(secretArn2) {
  return REGION_IN_SECRET_ARN.exec(secretArn2)?.[1];
}

// src/alarms/teams-forwarder/teams-forwarder.lambda.ts
var secretArn = requiredEnv("WEBHOOK_URL_SECRET_ARN");
var cacheSeconds = Number(process.env.WEBHOOK_URL_CACHE_SECONDS ?? "300");
var secrets = new SecretsProvider({ clientConfig: { region: secretRegion(secretArn) } });
var handler = createForwarder({
  webhookUrl: async () => webhookUrlFromSecret(await secrets.get(secretArn, { maxAge: cacheSeconds })),
  logger: new Logger(),
  metrics: new Metrics(),
  limiter: new MinIntervalLimiter(Number(process.env.MIN_SEND_INTERVAL_MS ?? "500")),
  region: process.env.AWS_REGION ?? "us-east-1",
  delivery: {
    maxAttempts: Number(process.env.MAX_DELIVERY_ATTEMPTS ?? "6"),
    baseDelayMs: 500,
    maxDelayMs: 2e4,
    requestTimeoutMs: 1e4
  }
});
function requiredEnv(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}
// Annotate the CommonJS export names for ESM import in node:
0 && (module.exports = {
  handler
});
/*! Bundled license information:

@aws-lambda-powertools/logger/lib/esm/logBuffer.js:
@aws-lambda-powertools/logger/lib/esm/Logger.js:
  (* v8 ignore next -- @preserve *)

@aws-lambda-powertools/commons/lib/esm/awsSdkUtils.js:
@aws-lambda-powertools/parameters/lib/esm/base/GetOptions.js:
@aws-lambda-powertools/parameters/lib/esm/base/transformValue.js:
@aws-lambda-powertools/parameters/lib/esm/base/BaseProvider.js:
  (* v8 ignore else -- @preserve *)
*/
