/** The org tree: pick a unit to rename, recode or reorder it, or to add a unit under it (kinds its level may hold). */
import { useState } from 'react';
import { App, Button, Card, Col, Descriptions, Empty, Form, Input, InputNumber, Row, Select, Tree } from 'antd';
import { allowedChildKinds, type OrgKind } from '../../../core/org';
import { api } from '../../api/client';
import { useOrgTree, type OrgTreeNode } from '../../api/org-tree';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoading } from '../../components/PageLoading';

interface TreeItem { key: number; title: string; children: TreeItem[] }

function find(nodes: OrgTreeNode[], id: number): OrgTreeNode | undefined {
  for (const n of nodes) {
    if (n.id === id) return n;
    const inner = find(n.children, id);
    if (inner) return inner;
  }
  return undefined;
}

export function OrgUnitsPanel() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const orgs = useOrgTree();
  const [selected, setSelected] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [editForm] = Form.useForm<{ name: string; code: string; sortOrder: number }>();
  const [childForm] = Form.useForm<{ name: string; code: string; kind: OrgKind }>();
  const kind = (k: OrgKind) => t(`org.kind.${k}`);
  const toTree = (nodes: OrgTreeNode[]): TreeItem[] =>
    nodes.map((n) => ({ key: n.id, title: `${n.name}（${kind(n.kind)}）`, children: toTree(n.children) }));

  if (orgs.error) return <ErrorAlert error={orgs.error} onRetry={orgs.reload} />;
  if (!orgs.data) return <PageLoading />;
  const unit = selected !== null ? find(orgs.data.items, selected) : undefined;
  const save = (job: Promise<unknown>, done: string) => {
    setError(null);
    job.then(() => { void message.success(done); orgs.reload(); }, setError);
  };

  return (
    <Row gutter={16}>
      <Col xs={24} md={10}>
        <Card size="small" title={t('org.tree')}>
          <Tree
            treeData={toTree(orgs.data.items)}
            defaultExpandAll
            selectedKeys={selected !== null ? [selected] : []}
            onSelect={(keys) => {
              const id = keys[0] === undefined ? null : Number(keys[0]);
              setSelected(id);
              setError(null);
              const n = id !== null ? find(orgs.data!.items, id) : undefined;
              if (n) editForm.setFieldsValue({ name: n.name, code: n.code, sortOrder: n.sortOrder });
              childForm.resetFields();
            }}
          />
        </Card>
      </Col>
      <Col xs={24} md={14}>
        {!unit ? <Empty description={t('org.pick')} /> : (
          <>
            {error !== null && <ErrorAlert error={error} />}
            <Card size="small" title={t('org.edit', { name: unit.name })} style={{ marginBottom: 16 }}>
              <Descriptions size="small" column={2} items={[{ key: 'kind', label: t('org.kindLabel'), children: kind(unit.kind) }, { key: 'id', label: 'ID', children: unit.id }]} />
              <Form form={editForm} layout="vertical" onFinish={(v) => save(api.patch(`/api/org-units/${unit.id}`, { ...v, version: unit.version }), t('org.saved'))}>
                <Row gutter={12}>
                  <Col span={10}><Form.Item name="name" label={t('org.name')} rules={[{ required: true, whitespace: true }]}><Input /></Form.Item></Col>
                  <Col span={8}><Form.Item name="code" label={t('org.code')} rules={[{ required: true, pattern: /^[\w.-]+$/, message: t('org.codeRule') }]}><Input /></Form.Item></Col>
                  <Col span={6}><Form.Item name="sortOrder" label={t('org.sortOrder')}><InputNumber min={0} style={{ width: '100%' }} /></Form.Item></Col>
                </Row>
                <Button type="primary" htmlType="submit">{t('common.save')}</Button>
              </Form>
            </Card>
            <Card size="small" title={t('org.addChild', { name: unit.name })}>
              <Form form={childForm} layout="vertical" onFinish={(v) => save(api.post('/api/org-units', { ...v, parentId: unit.id }).then(() => childForm.resetFields()), t('org.created'))}>
                <Row gutter={12}>
                  <Col span={10}><Form.Item name="name" label={t('org.name')} rules={[{ required: true, whitespace: true }]}><Input /></Form.Item></Col>
                  <Col span={7}><Form.Item name="code" label={t('org.code')} rules={[{ required: true, pattern: /^[\w.-]+$/, message: t('org.codeRule') }]}><Input /></Form.Item></Col>
                  <Col span={7}>
                    <Form.Item name="kind" label={t('org.kindLabel')} rules={[{ required: true, message: t('form.selectRequired', { label: t('org.kindLabel') }) }]}>
                      <Select options={allowedChildKinds(unit.kind).map((k) => ({ value: k, label: kind(k) }))} />
                    </Form.Item>
                  </Col>
                </Row>
                <Button htmlType="submit">{t('org.add')}</Button>
              </Form>
            </Card>
          </>
        )}
      </Col>
    </Row>
  );
}
