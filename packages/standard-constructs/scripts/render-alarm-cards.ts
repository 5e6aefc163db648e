/**
 * Renders the forwarder's ALARM, OK and INSUFFICIENT_DATA cards to PNGs for
 * docs/alarm-cards.md: the cards the handler builds, drawn by the Adaptive
 * Cards SDK with a Teams-like host config, in headless Chromium (Debian's
 * `chromium`). Reviewers see what the channel will show without a tenant.
 *
 *   npm run docs:alarm-cards        (in packages/standard-constructs)
 *
 * Needs `apt-get install chromium fonts-noto-color-emoji` (without the emoji
 * font the icons render as boxes). CHROMIUM=/path overrides the binary.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseAlarmNotification } from '../src/alarms/teams-forwarder/alarm-message';
import { buildTeamsMessage, payloadBytes } from '../src/alarms/teams-forwarder/card';
import { alarmNotification } from '../test/alarms/teams-forwarder/notifications';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const OUT_DIR = path.join(__dirname, '..', '..', '..', 'docs', 'alarm-cards');
/** About the width of a full-width card in the Teams desktop client's channel view. */
const CARD_WIDTH = 640;
const SCALE = 2;

const RUNBOOK = 'Runbook: https://runbooks.glimpse.technology/alarms/target-5xx';
const DASHBOARD = 'Dashboard: https://eu-west-2.console.aws.amazon.com/cloudwatch/home?region=eu-west-2#dashboards/dashboard/tracker-staging';

/** A notification as CloudWatch sends it, and the environment its forwarder serves. */
interface Sample {
  readonly environmentName: string;
  readonly notification: Record<string, unknown>;
}

const staging = (notification: Record<string, unknown>): Sample => ({ environmentName: 'staging', notification });

/** What CloudWatch sends for each state, as realistic as the tests' notifications. */
const SAMPLES: Record<string, Sample> = {
  'alarm': staging(alarmNotification('ALARM', {
    AlarmDescription: `Targets answered more than 5 5xx a minute. ${RUNBOOK} ${DASHBOARD}`,
    NewStateReason: 'Threshold Crossed: 3 out of the last 3 datapoints [12.0 (01/01/25 10:02:00), 9.0 (01/01/25 10:01:00), 7.0 (01/01/25 10:00:00)] '
      + 'were greater than the threshold (5.0) (minimum 3 datapoints for OK -> ALARM transition).',
  })),
  'ok': staging(alarmNotification('OK', {
    AlarmDescription: `Targets answered more than 5 5xx a minute. ${RUNBOOK} ${DASHBOARD}`,
    NewStateReason: 'Threshold Crossed: 1 out of the last 3 datapoints [0.0 (01/01/25 10:14:00)] was not greater than the threshold (5.0) '
      + '(minimum 1 datapoint for ALARM -> OK transition).',
    StateChangeTime: '2025-01-01T10:15:00.000+0000',
  })),
  // A metric-math alarm with a long reason: three lines on the card, the rest behind "Details".
  'alarm-long-reason': { environmentName: 'production', notification: alarmNotification('ALARM', {
    AlarmName: 'tracker-production-alb-5xx-rate',
    AlarmDescription: `More than 5 % of requests failed at the load balancer. ${RUNBOOK}`,
    AlarmArn: 'arn:aws:cloudwatch:eu-west-2:471112958110:alarm:tracker-production-alb-5xx-rate',
    NewStateReason: `Threshold Crossed: 15 out of the last 15 datapoints [${Array.from({ length: 15 }, (_, i) => `${(38.5 - i).toFixed(1)} (01/01/25 10:${String(14 - i).padStart(2, '0')}:00)`).join(', ')}] `
      + 'were greater than the threshold (5.0) (minimum 3 datapoints for OK -> ALARM transition).',
    Trigger: {
      Metrics: [
        { Id: 'errors', ReturnData: false, MetricStat: { Metric: { Namespace: 'AWS/ApplicationELB', MetricName: 'HTTPCode_ELB_5XX_Count', Dimensions: [{ value: 'app/tracker-production-alb/7a1e2b3c4d5e6f70', name: 'LoadBalancer' }] }, Period: 60, Stat: 'Sum' } },
        { Id: 'requests', ReturnData: false, MetricStat: { Metric: { Namespace: 'AWS/ApplicationELB', MetricName: 'RequestCount', Dimensions: [{ value: 'app/tracker-production-alb/7a1e2b3c4d5e6f70', name: 'LoadBalancer' }] }, Period: 60, Stat: 'Sum' } },
        { Id: 'rate', Expression: 'IF(requests >= 10, 100 * errors / requests, 0)', ReturnData: true },
      ],
      Period: 60, EvaluationPeriods: 3, DatapointsToAlarm: 3, ComparisonOperator: 'GreaterThanThreshold', Threshold: 5,
    },
  }) },
  'insufficient-data': staging(alarmNotification('INSUFFICIENT_DATA', {
    AlarmName: 'tracker-staging-data-host-disk-data',
    AlarmDescription: 'Disk /data is more than 80 % used; missing data means the CloudWatch agent went quiet. '
      + 'Runbook: https://runbooks.glimpse.technology/alarms/disk',
    NewStateReason: 'Insufficient Data: 2 datapoints were unknown.',
    AlarmArn: 'arn:aws:cloudwatch:eu-west-2:471112958110:alarm:tracker-staging-data-host-disk-data',
    OldStateValue: 'OK',
    Trigger: {
      MetricName: 'disk_used_percent',
      Namespace: 'Glimpse/DataHost',
      Statistic: 'MAXIMUM',
      Dimensions: [{ value: 'i-0a1b2c3d4e5f60718', name: 'InstanceId' }, { value: '/data', name: 'path' }],
      Period: 300,
      EvaluationPeriods: 2,
      DatapointsToAlarm: 2,
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 80,
      TreatMissingData: 'breaching',
    },
  })),
};

/** Teams' light theme, roughly: Segoe UI, its text colours, soft state backgrounds. */
function teamsHostConfig(): Record<string, unknown> {
  const foregroundColors = {
    default: { default: '#242424', subtle: '#616161' },
    dark: { default: '#242424', subtle: '#616161' },
    light: { default: '#ffffff', subtle: '#f3f2f1' },
    accent: { default: '#5b5fc7', subtle: '#8b8cc7' },
    good: { default: '#237b4b', subtle: '#4e9a6c' },
    warning: { default: '#835b00', subtle: '#a8842c' },
    attention: { default: '#c4314b', subtle: '#d0677a' },
  };
  const style = (backgroundColor: string) => ({ backgroundColor, foregroundColors });
  const font = (fontFamily: string) => ({
    fontFamily,
    fontSizes: { small: 12, default: 14, medium: 16, large: 18, extraLarge: 24 },
    fontWeights: { lighter: 200, default: 400, bolder: 600 },
  });
  return {
    supportsInteractivity: true,
    spacing: { small: 4, default: 8, medium: 16, large: 20, extraLarge: 24, padding: 16 },
    separator: { lineThickness: 1, lineColor: '#e0e0e0' },
    fontStyles: { default: font("'Segoe UI', 'DejaVu Sans', sans-serif"), monospace: font("Consolas, 'DejaVu Sans Mono', monospace") },
    containerStyles: {
      default: style('#ffffff'),
      emphasis: style('#f5f5f5'),
      accent: style('#e8ebfa'),
      good: style('#e7f2da'),
      attention: style('#fde7e9'),
      warning: style('#fff4ce'),
    },
    actions: {
      maxActions: 6, spacing: 'Default', buttonSpacing: 8, actionsOrientation: 'Horizontal', actionAlignment: 'Left',
      showCard: { actionMode: 'Inline', inlineTopMargin: 16, style: 'emphasis' },
    },
    factSet: {
      title: { color: 'Default', size: 'Default', isSubtle: true, weight: 'Default', wrap: true, maxWidth: 150 },
      value: { color: 'Default', size: 'Default', isSubtle: false, weight: 'Default', wrap: true },
      spacing: 12,
    },
  };
}

/** A page that renders `card` and records its height on <body data-height>. */
function page(card: unknown): string {
  const sdk = fs.readFileSync(require.resolve('adaptivecards/dist/adaptivecards.min.js'), 'utf8');
  const css = fs.readFileSync(require.resolve('adaptivecards/dist/adaptivecards.css'), 'utf8');
  return `<!doctype html><html><head><meta charset="utf-8"><style>${css}
  html, body { margin: 0; background: #f5f5f5; font-family: 'Segoe UI', 'DejaVu Sans', sans-serif; }
  #frame { width: ${CARD_WIDTH}px; margin: 12px; background: #fff; border-radius: 6px; box-shadow: 0 1px 2px rgba(0,0,0,.14); overflow: hidden; }
  .ac-pushButton.expandable:after { content: ' ▾'; font-family: inherit; font-size: 12px; }
  .ac-pushButton { border: 1px solid #d1d1d1; border-radius: 4px; background: #fff; color: #242424; padding: 5px 12px; font: 600 14px 'Segoe UI', 'DejaVu Sans', sans-serif; }
  </style><script>${sdk}</script></head><body><div id="frame"></div><script>
  const card = new AdaptiveCards.AdaptiveCard();
  card.hostConfig = new AdaptiveCards.HostConfig(${JSON.stringify(teamsHostConfig())});
  card.parse(${JSON.stringify(card)});
  document.getElementById('frame').appendChild(card.render());
  document.body.dataset.height = String(Math.ceil(document.getElementById('frame').getBoundingClientRect().bottom + 12));
  </script></body></html>`;
}

function chromium(args: string[], userDataDir: string): string {
  return execFileSync(CHROMIUM, [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    `--user-data-dir=${userDataDir}`, ...args,
  ], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 60_000 });
}

function main(): void {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: apt-get install chromium fonts-noto-color-emoji (or set CHROMIUM)`);
  }
  if (!execFileSync('fc-list', [':', 'family'], { encoding: 'utf8' }).includes('Noto Color Emoji')) {
    process.stderr.write('WARNING: fonts-noto-color-emoji is not installed; the state icons will render as boxes\n');
  }
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'alarm-cards-'));
  try {
    for (const [name, { environmentName, notification }] of Object.entries(SAMPLES)) {
      const message = JSON.stringify(notification);
      const teams = buildTeamsMessage('subject', message, parseAlarmNotification(message), { defaultRegion: 'eu-west-2', environmentName });
      const html = path.join(work, `${name}.html`);
      fs.writeFileSync(html, page(teams.attachments[0].content));
      // First pass: lay the card out and read its height; second: a screenshot of exactly that.
      const dom = chromium(['--dump-dom', `file://${html}`], path.join(work, `${name}-profile-1`));
      const height = Number(/data-height="(\d+)"/.exec(dom)?.[1]);
      if (!height) throw new Error(`${name}: the card did not render (no height in the page)`);
      const png = path.join(OUT_DIR, `${name}.png`);
      chromium([`--screenshot=${png}`, `--window-size=${CARD_WIDTH + 24},${height}`, `--force-device-scale-factor=${SCALE}`,
        '--hide-scrollbars', `file://${html}`], path.join(work, `${name}-profile-2`));
      process.stdout.write(`${path.relative(process.cwd(), png)}: card ${payloadBytes(teams)} bytes, ${height} px high\n`);
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main();
