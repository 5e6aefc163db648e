import * as logs from 'aws-cdk-lib/aws-logs';

/**
 * The saved Logs Insights queries, written against the JSON log format in
 * README.md (`level`, `service`, `http_method`, `http_route`, `http_path`,
 * `http_status`, `duration_ms`, `trace_id`). Lines that are not JSON still
 * count as errors when they look like one, so services not yet logging JSON
 * show up too.
 */
export interface LogQuery {
  /** Last part of the saved query's name, `<project>-<env>/<name>`. */
  readonly name: string;
  readonly queryString: logs.QueryString;
}

/** `service` from the JSON line, else the log group (one per service). */
const SERVICE = 'coalesce(service, @log) as svc';
/** The route template when logged (low cardinality), else the raw path. */
const ROUTE = 'coalesce(http_route, http_path) as route';

export const ERRORS_BY_SERVICE: LogQuery = {
  name: 'errors-by-service',
  queryString: new logs.QueryString({
    fields: [SERVICE],
    filterStatements: [
      'level in ["ERROR", "CRITICAL", "FATAL"] or http_status >= 500 '
        + 'or (not ispresent(level) and @message like /(?i)\\b(error|exception|traceback)\\b/)',
    ],
    statsStatements: ['count(*) as errors by svc'],
    sort: 'errors desc',
  }),
};

export const SLOWEST_REQUESTS: LogQuery = {
  name: 'slowest-requests',
  queryString: new logs.QueryString({
    fields: ['@timestamp', SERVICE, 'http_method', ROUTE, 'http_status', 'duration_ms', 'trace_id'],
    filterStatements: ['ispresent(duration_ms)'],
    sort: 'duration_ms desc',
    limit: 50,
  }),
};

export const SERVER_ERRORS_BY_PATH: LogQuery = {
  name: '5xx-by-path',
  queryString: new logs.QueryString({
    fields: [SERVICE, ROUTE],
    filterStatements: ['http_status >= 500'],
    statsStatements: ['count(*) as errors by svc, http_method, route'],
    sort: 'errors desc',
    limit: 50,
  }),
};
