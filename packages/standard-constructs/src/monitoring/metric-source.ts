import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';

/**
 * What every metric source shares: the `<component>` its alarms are named
 * after and the threshold lines of the alarms created on its metrics, which
 * the dashboard draws on the graphs of the same metrics.
 */
export abstract class MetricSource {
  private readonly lines = new Map<string, cloudwatch.HorizontalAnnotation[]>();

  protected constructor(
    /** The `<component>` of alarm names and the label of dashboard sections. */
    public readonly component: string,
  ) {}

  /** Records an alarm's threshold on `signal`'s metric; one line per distinct label. */
  public recordThreshold(signal: string, annotation: cloudwatch.HorizontalAnnotation): void {
    const lines = this.lines.get(signal) ?? [];
    if (!lines.some((line) => line.label === annotation.label)) lines.push(annotation);
    this.lines.set(signal, lines);
  }

  /** The threshold lines recorded on these signals' metrics, for a graph of them. */
  public thresholds(...signals: string[]): cloudwatch.HorizontalAnnotation[] | undefined {
    const lines = signals.flatMap((signal) => this.lines.get(signal) ?? []);
    return lines.length > 0 ? lines : undefined;
  }
}
