import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, AutoComplete, Button, Divider, Drawer, Form, Grid, Input, Select, Space } from 'antd';
import { useEffect, useMemo } from 'react';
import { CreateLeadershipGroupBody } from '../../../../../shared/contracts/org.ts';
import { useI18n } from '../../../i18n/i18n.tsx';
import { useIdempotencyKey } from '../../../lib/use-idempotency-key.ts';
import { useSingleFlight } from '../../../lib/use-single-flight.ts';
import { zodRule } from '../../../lib/zod-rule.ts';
import { type LeadershipGroup, orgApi, orgKeys, POSITIONS, type Position } from '../org.api.ts';
import { type KnownUser, UserSelect } from './user-select.tsx';

/** The work groups most county petition leadership groups set up. */
export const DEFAULT_WORK_GROUPS = ['综合联络调度组', '接访组', '应急处置组', '督导检查组'];

interface Values {
  title: string;
  campaign?: string;
  members: { userId: string; position: Position }[];
  workGroups: { id?: string; name: string; duties: string; memberIds: string[] }[];
}

/** Create or edit a leadership group: its members with positions, and its work groups. */
export function LeadershipGroupDrawer({
  open,
  unitId,
  group,
  onClose,
}: {
  open: boolean;
  unitId?: string;
  group?: LeadershipGroup;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [key, renewKey] = useIdempotencyKey();
  const known = useMemo<KnownUser[]>(
    () =>
      group
        ? [...group.members, ...group.workGroups.flatMap((w) => w.members)].map((m) => ({
            userId: m.userId,
            name: m.name,
          }))
        : [],
    [group],
  );

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (group)
      form.setFieldsValue({
        title: group.title,
        campaign: group.campaign ?? undefined,
        members: group.members.map((m) => ({ userId: m.userId, position: m.position })),
        workGroups: group.workGroups.map((w) => ({
          id: w.id,
          name: w.name,
          duties: w.duties,
          memberIds: w.members.map((m) => m.userId),
        })),
      });
    else
      form.setFieldsValue({ members: [{ position: 'head' } as Values['members'][number]], workGroups: [] });
  }, [open, group, form]);

  const save = useMutation({
    meta: { silent: true },
    mutationFn: (v: Values) => {
      const body = {
        title: v.title.trim(),
        campaign: v.campaign?.trim() || null,
        members: v.members,
        workGroups: (v.workGroups ?? []).map((w) => ({
          ...w,
          duties: w.duties ?? '',
          memberIds: w.memberIds ?? [],
        })),
      };
      return group
        ? orgApi.updateGroup(group.id, body)
        : orgApi.createGroup({ ...body, unitId: unitId! }, key);
    },
    onSuccess: () => {
      renewKey();
      message.success(t('lg.saved'));
      void queryClient.invalidateQueries({ queryKey: orgKeys.groups });
      onClose();
    },
  });
  const submit = useSingleFlight((v: Values) => save.mutateAsync(v));
  const resetSave = save.reset;
  useEffect(() => {
    if (open) resetSave();
  }, [open, resetSave]);

  const addDefaults = () => {
    const current: Values['workGroups'] = form.getFieldValue('workGroups') ?? [];
    const names = new Set(current.map((w) => w?.name));
    form.setFieldValue('workGroups', [
      ...current,
      ...DEFAULT_WORK_GROUPS.filter((n) => !names.has(n)).map((name) => ({
        name,
        duties: '',
        memberIds: [],
      })),
    ]);
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={group ? t('lg.editTitle') : t('lg.createTitle')}
      size={screens.md ? 720 : '100%'}
      destroyOnHidden
      forceRender
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {save.isError && (
        <Alert type="error" showIcon title={save.error.message} style={{ marginBottom: 16 }} />
      )}
      <Form name="leadership-group" form={form} layout="vertical" requiredMark={false} onFinish={submit}>
        <Form.Item
          name="title"
          label={t('lg.groupTitle')}
          rules={[
            { required: true, whitespace: true, message: t('lg.titleRequired') },
            zodRule(CreateLeadershipGroupBody.shape.title),
          ]}
        >
          <Input placeholder={t('lg.titlePlaceholder')} maxLength={100} />
        </Form.Item>
        <Form.Item name="campaign" label={t('lg.campaign')}>
          <Input placeholder={t('lg.campaignPlaceholder')} maxLength={100} />
        </Form.Item>

        <Divider titlePlacement="start">{t('lg.members')}</Divider>
        <Form.List name="members">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <div key={f.key} className="form-list-row">
                  <Form.Item
                    name={[f.name, 'position']}
                    rules={[{ required: true, message: t('lg.positionRequired') }]}
                    style={{ width: 140, flex: 'none' }}
                  >
                    <Select options={POSITIONS.map((p) => ({ value: p, label: t(`position.${p}`) }))} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'userId']}
                    rules={[{ required: true, message: t('lg.userRequired') }]}
                    style={{ flex: 1, minWidth: 0 }}
                  >
                    <UserSelect known={known} />
                  </Form.Item>
                  <Button
                    type="text"
                    icon={<MinusCircleOutlined />}
                    onClick={() => remove(f.name)}
                    aria-label="remove"
                  />
                </div>
              ))}
              <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ position: 'member' })}>
                {t('lg.addMember')}
              </Button>
            </>
          )}
        </Form.List>

        <Divider titlePlacement="start">{t('lg.workGroups')}</Divider>
        <Form.List name="workGroups">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <div key={f.key} className="work-group-editor">
                  <div className="form-list-row">
                    <Form.Item
                      name={[f.name, 'name']}
                      label={t('lg.workGroupName')}
                      rules={[{ required: true, whitespace: true, message: t('lg.workGroupNameRequired') }]}
                      style={{ flex: 1 }}
                    >
                      <AutoComplete
                        options={DEFAULT_WORK_GROUPS.map((n) => ({ value: n }))}
                        showSearch={{ filterOption: (input, o) => String(o?.value).includes(input) }}
                      />
                    </Form.Item>
                    <Button
                      type="text"
                      icon={<MinusCircleOutlined />}
                      onClick={() => remove(f.name)}
                      aria-label="remove"
                      style={{ marginTop: 30 }}
                    />
                  </div>
                  <Form.Item name={[f.name, 'duties']} label={t('lg.duties')}>
                    <Input.TextArea
                      autoSize={{ minRows: 2, maxRows: 5 }}
                      placeholder={t('lg.dutiesPlaceholder')}
                      maxLength={2000}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'memberIds']} label={t('lg.workGroupMembers')}>
                    <UserSelect multiple known={known} />
                  </Form.Item>
                </div>
              ))}
              <Space wrap>
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ name: '', duties: '', memberIds: [] })}
                >
                  {t('lg.addWorkGroup')}
                </Button>
                <Button type="link" onClick={addDefaults}>
                  {t('lg.addDefaults')}
                </Button>
              </Space>
            </>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}
