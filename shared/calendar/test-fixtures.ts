import type { YearSchedule } from './schedule.ts';

/** A 2027 schedule as an administrator would enter it once the State Council publishes it (test data). */
export const SCHEDULE_2027: YearSchedule = {
  year: 2027,
  holidays: [
    { name: '元旦', dates: ['2027-01-01', '2027-01-02', '2027-01-03'] },
    {
      name: '春节',
      dates: [
        '2027-02-06',
        '2027-02-07',
        '2027-02-08',
        '2027-02-09',
        '2027-02-10',
        '2027-02-11',
        '2027-02-12',
      ],
    },
    {
      name: '国庆节',
      dates: [
        '2027-10-01',
        '2027-10-02',
        '2027-10-03',
        '2027-10-04',
        '2027-10-05',
        '2027-10-06',
        '2027-10-07',
      ],
    },
  ],
  makeupWorkdays: ['2027-02-13', '2027-09-26', '2027-10-09'],
};
