import { App } from 'aws-cdk-lib';

/**
 * Synthesizes an app whose policy validation may fail, for a test to inspect
 * the result: CDK's printed validation report is muted, the failing exit code
 * it sets is undone, and the event loop turns once so that `NagPackPlugin`s
 * have written their summaries.
 */
export async function synthWithValidation(app: App): Promise<void> {
  const { exitCode } = process;
  const print = console.error;
  console.error = () => undefined;
  try {
    app.synth();
  } finally {
    console.error = print;
    process.exitCode = exitCode;
  }
  await new Promise((resolve) => setImmediate(resolve));
}
