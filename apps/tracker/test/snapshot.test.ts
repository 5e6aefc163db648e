import { synthEnvironments } from './synth';

describe('templates', () => {
  const { stagingTemplate, productionTemplate } = synthEnvironments();

  test('TrackerStaging snapshot', () => {
    expect(stagingTemplate.toJSON()).toMatchSnapshot();
  });

  test('TrackerProduction snapshot', () => {
    expect(productionTemplate.toJSON()).toMatchSnapshot();
  });
});
