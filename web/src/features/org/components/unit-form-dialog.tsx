import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal, Select, Switch } from 'antd';
import { useEffect } from 'react';
import { useI18n } from '../../../i18n/i18n.tsx';
import { useIdempotencyKey } from '../../../lib/use-idempotency-key.ts';
import { useSingleFlight } from '../../../lib/use-single-flight.ts';
import { orgApi, orgKeys, type Unit, type UnitKind } from '../org.api.ts';
import { CHILD_KINDS } from '../unit-tree.ts';

const ONLINE_BY_DEFAULT: readonly UnitKind[] = ['county', 'township', 'department'];

interface Values {
  name: string;
  kind: UnitKind;
  acceptsOnline: boolean;
}

/** Creates a unit below `parent`, or renames `unit`. */
export function UnitFormDialog({
  open,
  parent,
  unit,
  onClose,
  onSaved,
}: {
  open: boolean;
  parent?: Unit;
  unit?: Unit;
  onClose: () => void;
  onSaved?: (unit: Unit) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [key, renewKey] = useIdempotencyKey();
  const kinds = parent ? (CHILD_KINDS[parent.kind] ?? []) : [];

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (unit) form.setFieldsValue({ name: unit.name });
    else if (kinds[0])
      form.setFieldsValue({ kind: kinds[0], acceptsOnline: ONLINE_BY_DEFAULT.includes(kinds[0]) });
  }, [open, unit, form, kinds[0]]);

  const save = useMutation({
    meta: { silent: true },
    mutationFn: (v: Values) =>
      unit
        ? orgApi.updateUnit(unit.id, { name: v.name.trim() })
        : orgApi.createUnit(
            { name: v.name.trim(), kind: v.kind, parentId: parent!.id, acceptsOnline: v.acceptsOnline },
            key,
          ),
    onSuccess: (saved, v) => {
      renewKey();
      message.success(unit ? t('units.renamed') : t('units.created', { name: v.name.trim() }));
      void queryClient.invalidateQueries({ queryKey: orgKeys.units });
      onSaved?.(saved);
      onClose();
    },
  });
  const submit = useSingleFlight((v: Values) => save.mutateAsync(v));
  const resetSave = save.reset;
  useEffect(() => {
    if (open) resetSave();
  }, [open, resetSave]);

  return (
    <Modal
      open={open}
      title={unit ? t('units.rename') : t('units.createChild')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending, disabled: !unit && kinds.length === 0 }}
      onCancel={onClose}
      destroyOnHidden
      forceRender
    >
      {save.isError && (
        <Alert type="error" showIcon title={save.error.message} style={{ marginBottom: 16 }} />
      )}
      {!unit && kinds.length === 0 && <Alert type="warning" showIcon title={t('units.noKinds')} />}
      <Form name="unit" form={form} layout="vertical" requiredMark={false} onFinish={submit}>
        {parent && !unit && (
          <Form.Item label={t('units.parent')}>
            <Input value={parent.name} disabled />
          </Form.Item>
        )}
        <Form.Item
          name="name"
          label={t('units.name')}
          rules={[{ required: true, whitespace: true, message: t('units.nameRequired') }, { max: 100 }]}
        >
          <Input autoFocus maxLength={100} placeholder="" />
        </Form.Item>
        {!unit && (
          <>
            <Form.Item
              name="kind"
              label={t('units.kind')}
              rules={[{ required: true, message: t('units.kindRequired') }]}
            >
              <Select
                options={kinds.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
                onChange={(k: UnitKind) => form.setFieldValue('acceptsOnline', ONLINE_BY_DEFAULT.includes(k))}
              />
            </Form.Item>
            <Form.Item
              name="acceptsOnline"
              label={t('units.acceptsOnline')}
              valuePropName="checked"
              extra={t('units.acceptsOnlineHelp')}
            >
              <Switch />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
