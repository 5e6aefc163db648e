import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { LogQuery, ERRORS_BY_SERVICE, SERVER_ERRORS_BY_PATH, SLOWEST_REQUESTS } from './log-queries';
import { qualifiedName } from '../internal/names';
import { invalidProp } from '../internal/validation';

/** Properties of `ServiceLogQueries`. */
export interface ServiceLogQueriesProps {
  /** The project, first part of the queries' folder `<project>-<env>/`. */
  readonly projectName: string;
  /** The environment, second part of the folder. */
  readonly environmentName: string;
  /** The services' log groups, e.g. every `TrackerFargateService.logGroup` of the environment. */
  readonly logGroups: logs.ILogGroup[];
}

/**
 * CloudWatch Logs Insights saved queries for one environment, in the folder
 * `<project>-<env>/`: errors by service, the slowest requests and 5xx by
 * path, each over all the given log groups. They read the JSON log format
 * documented in the observability README.
 */
export class ServiceLogQueries extends Construct {
  /** Error lines (and 5xx requests) counted per service. */
  public readonly errorsByService: logs.QueryDefinition;
  /** The 50 slowest requests, with their trace ids. */
  public readonly slowestRequests: logs.QueryDefinition;
  /** 5xx responses counted per service, method and route. */
  public readonly serverErrorsByPath: logs.QueryDefinition;

  constructor(scope: Construct, id: string, props: ServiceLogQueriesProps) {
    super(scope, id);
    const folder = qualifiedName(this, props.projectName, props.environmentName);
    if (props.logGroups.length === 0) {
      throw invalidProp(this, 'logGroups', 'is empty', 'Pass the log groups of the services to query, e.g. [api.logGroup, worker.logGroup].');
    }
    const define = (queryId: string, query: LogQuery) => new logs.QueryDefinition(this, queryId, {
      queryDefinitionName: `${folder}/${query.name}`,
      queryString: query.queryString,
      logGroups: props.logGroups,
    });
    this.errorsByService = define('ErrorsByService', ERRORS_BY_SERVICE);
    this.slowestRequests = define('SlowestRequests', SLOWEST_REQUESTS);
    this.serverErrorsByPath = define('ServerErrorsByPath', SERVER_ERRORS_BY_PATH);
  }
}
