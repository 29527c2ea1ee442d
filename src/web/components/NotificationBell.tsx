/**
 * The signed-in user's to-do count and notifications: the bell's badge is the number of things waiting on the user,
 * counted by the server from the same lists as the workbench (工作台), so both show one figure; a dot marks unread
 * notices when nothing waits. The drawer leads to the workbench, then lists the notices; a notice's link opens its
 * page and marks it read.
 */
import { useEffect, useState } from 'react';
import { Badge, Button, Drawer, Empty, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { api } from '../api/client';
import { useApi } from '../api/use-api';
import { useI18n } from '../i18n/i18n';
import { ErrorAlert } from './ErrorAlert';
import { PageLoading } from './PageLoading';
import type { TodoCounts } from '../pages/workbench/workbench-types';
import { noticeText } from './noticeText';

interface Notice { id: number; kind: string; title: string; body: string; params?: Readonly<Record<string, string | number>> | null; link: string | null; createdAt: string; readAt: string | null }

export function NotificationBell() {
  const i18n = useI18n();
  const { t, formatDateTime } = i18n;
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  // The unread count comes with any page, so while the drawer is closed one notice is enough; opening it asks for
  // the list, and that change of url is the look again on opening.
  const list = useApi<{ items: Notice[]; unread: number; todo: TodoCounts }>('/api/notifications', { limit: open ? 50 : 1 });
  const { reload } = list;
  // Notices come from reminders and other people's steps: look again every minute, and whenever the list is opened.
  useEffect(() => {
    const timer = window.setInterval(reload, 60_000);
    return () => window.clearInterval(timer);
  }, [reload]);
  // The last count known stays on the bell while the other page loads.
  const [unread, setUnread] = useState(0);
  if (list.data && list.data.unread !== unread) setUnread(list.data.unread);
  const [todo, setTodo] = useState(0);
  if (list.data && list.data.todo.total !== todo) setTodo(list.data.todo.total);
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
      <Badge count={todo} dot={todo === 0 && unread > 0} size="small" offset={[-4, 4]} data-testid="bell-todo">
        <Button icon={<BellOutlined />} aria-label={t('notify.labelTodo', { todo, n: unread })} onClick={() => setOpen(true)} />
      </Badge>
      <Drawer open={open} onClose={() => setOpen(false)} title={t('notify.title')} size="default"
        extra={unread > 0 && <Button size="small" onClick={() => void api.post('/api/notifications/read-all').then(reload)}>{t('notify.readAll')}</Button>}>
        {todo > 0 && (
          <Typography.Paragraph>
            <Link to="/workbench" onClick={() => setOpen(false)} data-testid="bell-workbench">{t('notify.todoLink', { n: todo })}</Link>
          </Typography.Paragraph>
        )}
        {list.error ? <ErrorAlert error={list.error} onRetry={reload} /> : !list.data ? <PageLoading /> : !list.data.items.length ? <Empty description={t('notify.none')} /> : (
          <ul className="plain-list">
            {list.data.items.map((n) => ({ n, text: noticeText(i18n, n) })).map(({ n, text }) => (
              <li key={n.id}>
                <Typography.Link strong={!n.readAt} onClick={() => openNotice(n)}>{text.title}</Typography.Link>
                {text.body && <div style={{ fontSize: 13 }}>{text.body}</div>}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(n.createdAt)}{!n.readAt && ` · ${t('notify.unread')}`}</Typography.Text>
              </li>
            ))}
          </ul>
        )}
      </Drawer>
    </>
  );
}
