/**
 * The frame of a print-friendly view (A4, see styles.css @media print): a toolbar that is not printed (打印, back),
 * then a page header with the title, what the view holds and the date it was printed, then the content.
 */
import type { ReactNode } from 'react';
import { Button, Flex } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useI18n } from '../../i18n/i18n';

export function PrintSheet({ title, subtitle, back, ready, className, children }: { title: string; subtitle?: ReactNode; back: string; ready: boolean; className?: string; children: ReactNode }) {
  const { t, formatDate } = useI18n();
  return (
    <div className={className ? `print-sheet ${className}` : 'print-sheet'}>
      <Flex className="no-print print-toolbar" gap={8} justify="flex-end">
        <Link to={back}><Button icon={<ArrowLeftOutlined />}>{t('layout.printBack')}</Button></Link>
        <Button type="primary" icon={<PrinterOutlined />} disabled={!ready} onClick={() => window.print()}>{t('layout.print')}</Button>
      </Flex>
      <header className="print-header">
        <h1>{title}</h1>
        {subtitle && <div className="print-subtitle">{subtitle}</div>}
        <div className="print-date" data-testid="print-date">{t('layout.printedOn', { date: formatDate(new Date().toISOString()) })}</div>
      </header>
      {children}
    </div>
  );
}
