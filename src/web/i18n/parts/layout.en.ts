import type { layoutZh } from './layout.zh';

export const layoutEn: { readonly [K in keyof typeof layoutZh]: string } = {
  'layout.home': 'Home',
  'layout.enterApp': 'Open the app',
  'layout.expand': 'Expand the menu',
  'layout.collapse': 'Collapse the menu',
  'layout.crumb.task': 'Task',
  'layout.crumb.round': 'Round',
  'layout.crumb.plan': 'Plan',
  'layout.crumb.case': 'Case',
  'layout.backTo': 'Back to {page}',
  'layout.seq': 'No.',
  'layout.seqShort': 'No. {n}',
  'layout.labelled': '{label}: ',
  'layout.print': 'Print',
  'layout.printBack': 'Back',
  'layout.printedOn': 'Printed on {date}',
  'layout.printLimited': '{total} items; only the first {n} are printed. Filter the ledger first to print the rest.',
  'layout.printPeriod': 'Period',
  'layout.printState': 'Review',
  'layout.takePhoto': 'Take a photo',
};
