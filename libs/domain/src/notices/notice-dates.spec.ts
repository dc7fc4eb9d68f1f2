import { addMonths, latestSuspensionEnd, publicationDates, suspensionLapsed, todayUtc } from './notice-dates';

describe('notice dates', () => {
  it('adds and subtracts months, clamping to the end of a shorter month', () => {
    expect(addMonths('2016-05-10', 60)).toBe('2021-05-10');
    expect(addMonths('2016-02-29', 60)).toBe('2021-02-28');
    expect(addMonths('2021-08-31', -6)).toBe('2021-02-28');
    expect(addMonths('2016-12-15', 1)).toBe('2017-01-15');
    expect(addMonths('2017-01-15', -1)).toBe('2016-12-15');
  });

  it('expires a notice five years after publication, with the retention review six months before', () => {
    expect(publicationDates('2016-05-10')).toEqual({
      publishedAt: '2016-05-10',
      expiresAt: '2021-05-10',
      retentionReviewDue: '2020-11-10',
    });
  });

  it('ends a suspension within six months, and lets it lapse on its end date', () => {
    expect(latestSuspensionEnd('2026-11-23')).toBe('2027-05-23');
    expect(suspensionLapsed('2027-05-23', '2027-05-22')).toBe(false);
    expect(suspensionLapsed('2027-05-23', '2027-05-23')).toBe(true);
    expect(suspensionLapsed(null, '2027-05-23')).toBe(false);
  });

  it('takes today in UTC', () => {
    expect(todayUtc(new Date('2016-05-09T23:30:00-02:00'))).toBe('2016-05-10');
  });
});
