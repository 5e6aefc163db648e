import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';

/** Dashboards are 24 grid units wide. */
const GRID_WIDTH = 24;
/** Height of a graph: tall enough for a legend under three or four lines. */
export const GRAPH_HEIGHT = 6;

/** One titled group of widgets, e.g. everything about one ECS service. */
export interface DashboardSection {
  /** Markdown heading text of the section. */
  readonly title: string;
  /** The widgets, left to right, wrapped onto as many rows as needed. */
  readonly widgets: cloudwatch.IWidget[];
}

/**
 * Lays sections out top to bottom: a one-unit heading across the full
 * width, then the section's widgets in rows (`Row` wraps at 24 units).
 * Widgets size themselves through `graph`, so nothing is placed by hand.
 */
export function addSections(dashboard: cloudwatch.Dashboard, sections: DashboardSection[]): void {
  for (const section of sections) {
    if (section.widgets.length === 0) continue;
    dashboard.addWidgets(new cloudwatch.TextWidget({
      markdown: `## ${section.title}`, width: GRID_WIDTH, height: 1, background: cloudwatch.TextWidgetBackground.TRANSPARENT,
    }));
    dashboard.addWidgets(new cloudwatch.Row(...section.widgets));
  }
}

/** What a graph shows; its width comes from how many share a row. */
export interface GraphSpec {
  readonly title: string;
  readonly left: cloudwatch.IMetric[];
  readonly right?: cloudwatch.IMetric[];
  /** Y axis label and bounds, e.g. percent 0-100. */
  readonly leftYAxis?: cloudwatch.YAxisProps;
  readonly rightYAxis?: cloudwatch.YAxisProps;
  /** Horizontal lines on the left axis, e.g. a limit or an alarm's threshold. */
  readonly leftAnnotations?: cloudwatch.HorizontalAnnotation[];
  /** Horizontal lines on the right axis. */
  readonly rightAnnotations?: cloudwatch.HorizontalAnnotation[];
  readonly view?: cloudwatch.GraphWidgetView;
}

/**
 * Graphs of equal width: up to `perRow` share the 24 units of a row, so a
 * section with fewer graphs still fills its row.
 */
export function graphs(perRow: number, specs: GraphSpec[]): cloudwatch.GraphWidget[] {
  const width = Math.floor(GRID_WIDTH / Math.max(1, Math.min(perRow, specs.length)));
  return specs.map((spec) => new cloudwatch.GraphWidget({
    title: spec.title,
    left: spec.left,
    right: spec.right,
    leftYAxis: spec.leftYAxis ?? { min: 0, showUnits: false },
    rightYAxis: spec.rightYAxis,
    leftAnnotations: spec.leftAnnotations,
    rightAnnotations: spec.rightAnnotations,
    view: spec.view,
    width,
    height: GRAPH_HEIGHT,
    legendPosition: cloudwatch.LegendPosition.BOTTOM,
  }));
}

/** A percent axis, 0 to 100. */
export const PERCENT_AXIS: cloudwatch.YAxisProps = { min: 0, max: 100, label: '%', showUnits: false };

/** A full-width widget, e.g. the alarm status grid. */
export function fullWidth(): number {
  return GRID_WIDTH;
}
