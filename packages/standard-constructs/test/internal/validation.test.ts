import { App, Lazy, Stack } from 'aws-cdk-lib';
import { assertIntegerInRange, assertLiteralNumber } from '../../src/internal/validation';

const scope = () => new Stack(new App(), 'Scope');
const token = () => Lazy.number({ produce: () => 3 });

describe('assertIntegerInRange', () => {
  test('names the prop, the value and the range', () => {
    expect(() => assertIntegerInRange(scope(), 'count', 7, 1, 5)).toThrow('Scope: invalid `count`: got 7. Use a whole number from 1 to 5.');
  });

  test('a bound that is a token (another prop given as one) is not checked against, so this prop is not blamed', () => {
    expect(() => assertIntegerInRange(scope(), 'datapointsToAlarm', 2, 1, token())).not.toThrow();
    expect(() => assertIntegerInRange(scope(), 'minCapacity', 2, token(), 10)).not.toThrow();
  });

  test('a value that is a token is accepted (known at deploy time only)', () => {
    expect(() => assertIntegerInRange(scope(), 'count', token(), 1, 5)).not.toThrow();
  });
});

describe('assertLiteralNumber', () => {
  test('rejects a token, naming the prop and why a literal is needed', () => {
    expect(() => assertLiteralNumber(scope(), 'maxAzs', token(), 'the subnets are laid out at synth.'))
      .toThrow('Scope: invalid `maxAzs`: got an unresolved token. Give a literal number: the subnets are laid out at synth.');
  });

  test('accepts a literal or nothing', () => {
    expect(() => assertLiteralNumber(scope(), 'maxAzs', 2, 'why')).not.toThrow();
    expect(() => assertLiteralNumber(scope(), 'maxAzs', undefined, 'why')).not.toThrow();
  });
});
