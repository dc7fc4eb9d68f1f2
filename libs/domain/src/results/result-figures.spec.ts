import { TargetStatus } from '../targets/target-status';
import { ARRESTED_STATUSES, headlineText } from './result-figures';

describe('result figures', () => {
  it('words the headline the way INTERPOL publishes it', () => {
    expect(headlineText(26, 31, 12)).toBe('26 fugitives arrested and 31 located in 12 countries');
    expect(headlineText(1, 0, 1)).toBe('1 fugitive arrested and 0 located in 1 country');
    expect(headlineText(0, 0, 0)).toBe('0 fugitives arrested and 0 located in 0 countries');
  });

  it('counts every status after an arrest as arrested, and nothing else', () => {
    expect([...ARRESTED_STATUSES].sort()).toEqual(
      [TargetStatus.Arrested, TargetStatus.Extradited, TargetStatus.Released, TargetStatus.Surrendered].sort(),
    );
  });
});
