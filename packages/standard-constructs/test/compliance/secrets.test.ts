import { isSecretLookingName, secretsInScript } from '../../src/compliance/private/secrets';

describe('secret heuristics', () => {
  test.each(['DB_PASSWORD', 'dbPassword', 'POSTGRES_PASSWD', 'API_KEY', 'apiKey', 'GITHUB_TOKEN', 'CLIENT_SECRET', 'aws-secret-access-key', 'PRIVATE_KEY'])(
    'secret-looking name: %s', (name) => expect(isSecretLookingName(name)).toBe(true));

  test.each(['DB_PASSWORD_SECRET_ARN', 'PASSWORD_ENCRYPTION', 'TOKEN_URL', 'API_KEY_HEADER', 'DB_HOST', 'LOG_LEVEL', 'KEYBOARD', 'secretName'])(
    'not a secret-looking name: %s', (name) => expect(isSecretLookingName(name)).toBe(false));

  test('script assignments: literals flagged, expansions and dynamic references not', () => {
    expect(secretsInScript([
      'PGPASSWORD=$(aws secretsmanager get-secret-value --secret-id db)',
      'export API_TOKEN="$TOKEN_FROM_SSM"',
      'DB_PASSWORD={{resolve:secretsmanager:db}}',
      'REDIS_PASSWORD=changeme',
      "admin_password: 'hunter2'",
    ].join('\n'))).toEqual(['REDIS_PASSWORD', 'admin_password']);
  });
});
