import { Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * Synth-time input validation shared by every construct. Messages name the
 * construct path, the prop, what was given and what to change, so that bad
 * input fails `cdk synth` instead of a CloudFormation deployment.
 * Unresolved tokens are accepted: their value is only known at deploy time.
 */
export function invalidProp(scope: IConstruct, prop: string, problem: string, fix: string): Error {
  return new Error(`${scope.node.path}: invalid \`${prop}\`: ${problem}. ${fix}`);
}

/** Requires `min <= value <= max` (inclusive) for a number that may be undefined. */
export function assertIntegerInRange(scope: IConstruct, prop: string, value: number | undefined, min: number, max: number): void {
  if (value === undefined || Token.isUnresolved(value)) return;
  // A bound taken from another prop that is a token is unknown at synth: the error would name this
  // prop with a meaningless range (a token's encoded value) for the other prop's mistake.
  if (Token.isUnresolved(min) || Token.isUnresolved(max)) return;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw invalidProp(scope, prop, `got ${value}`, `Use a whole number from ${min} to ${max}.`);
  }
}

/** Requires a string to match a pattern, unless it is an unresolved token. */
export function assertMatches(scope: IConstruct, prop: string, value: string | undefined, pattern: RegExp, fix: string): void {
  if (value === undefined || Token.isUnresolved(value)) return;
  if (!pattern.test(value)) {
    throw invalidProp(scope, prop, `got '${value}'`, fix);
  }
}

const ACCOUNT_ID = /^\d{12}$/;

/** Requires every entry to be a 12-digit AWS account id. */
export function assertAccountIds(scope: IConstruct, prop: string, accounts: readonly string[]): void {
  for (const account of accounts) {
    assertMatches(scope, prop, account, ACCOUNT_ID, 'An AWS account id is exactly 12 digits, e.g. 636728427214.');
  }
}

/**
 * Requires a literal (not a token) for a number the construct computes with
 * at synth, such as a subnet layout or a count rendered into a policy
 * document: a token's encoded value would otherwise flow into that arithmetic
 * and fail later under another prop's name.
 */
export function assertLiteralNumber(scope: IConstruct, prop: string, value: number | undefined, why: string): void {
  if (value !== undefined && Token.isUnresolved(value)) {
    throw invalidProp(scope, prop, 'got an unresolved token', `Give a literal number: ${why}`);
  }
}
