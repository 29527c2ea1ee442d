/**
 * The signed-in user's notifications (reminders, reviews, closure steps): a bell with the unread count; the list
 * opens in a drawer, a notice's link opens its page and marks it read.
 */
import { useEffect, useState } from 'react';
import { Badge, Button, Drawer, Empty, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { api } from '../api/client';
import { useApi } from '../api/use-api';
import { useI18n } from '../i18n/i18n';
import { ErrorAlert } from './ErrorAlert';
import { PageLoading } from './PageLoading';

interface Notice { id: number; kind: string; title: string; body: string; link: string | null; createdAt: string; readAt: string | null }

export function NotificationBell() {
  const { t, formatDateTime } = useI18n();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  // The unread count comes with any page, so while the drawer is closed one notice is enough; opening it asks for
  // the list, and that change of url is the look again on opening.
  const list = useApi<{ items: Notice[]; unread: number }>('/api/notifications', { limit: open ? 50 : 1 });
  const { reload } = list;
  // Notices come from reminders and other people's steps: look again every minute, and whenever the list is opened.
  useEffect(() => {
    const timer = window.setInterval(reload, 60_000);
    return () => window.clearInterval(timer);
  }, [reload]);
  // The last count known stays on the bell while the other page loads.
  const [unread, setUnread] = useState(0);
  if (list.data && list.data.unread !== unread) setUnread(list.data.unread);
  const openNotice = (n: Notice) => {
    const done = () => {
      reload();
      if (n.link?.startsWith('/')) {
        setOpen(false);
        void navigate(n.link);
      }
    };
    if (n.readAt) done();
    else api.post(`/api/notifications/${n.id}/read`).then(done, done);
  };
  return (
    <>
      <Badge count={unread} size="small" offset={[-4, 4]}>
        <Button icon={<BellOutlined />} aria-label={t('notify.label', { n: unread })} onClick={() => setOpen(true)} />
      </Badge>
      <Drawer open={open} onClose={() => setOpen(false)} title={t('notify.title')} size="default"
        extra={unread > 0 && <Button size="small" onClick={() => void api.post('/api/notifications/read-all').then(reload)}>{t('notify.readAll')}</Button>}>
        {list.error ? <ErrorAlert error={list.error} onRetry={reload} /> : !list.data ? <PageLoading /> : !list.data.items.length ? <Empty description={t('notify.none')} /> : (
          <ul className="plain-list">
            {list.data.items.map((n) => (
              <li key={n.id}>
                <Typography.Link strong={!n.readAt} onClick={() => openNotice(n)}>{n.title}</Typography.Link>
                {n.body && <div style={{ fontSize: 13 }}>{n.body}</div>}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(n.createdAt)}{!n.readAt && ` · ${t('notify.unread')}`}</Typography.Text>
              </li>
            ))}
          </ul>
        )}
      </Drawer>
    </>
  );
}
