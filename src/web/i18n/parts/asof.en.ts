import type { asofZh } from './asof.zh';

export const asofEn: { readonly [K in keyof typeof asofZh]: string } = {
  'asof.pick': 'View a past date',
  'asof.pickLabel': 'View the ledger as recorded at the end of a past day',
  'asof.viewing': 'Showing the ledger as recorded at the end of {date}: tasks added and changes made later are not shown.',
  'asof.backToToday': 'Back to today',
  'asof.roundtripDisabled': 'The fill-in sheet is exported from today\'s ledger only',
};
