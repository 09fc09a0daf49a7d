import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Form, Input, Modal, Select } from 'antd';
import { useEffect } from 'react';
import { ApiError } from '../../../lib/http.ts';
import { useIdempotencyKey } from '../../../lib/use-idempotency-key.ts';
import { chinaToday } from '../../petitions/petition-view.ts';
import {
  ASSISTANCE_KINDS,
  type MeasureInput,
  OUTCOME_TYPES,
  type Ownership,
  ownershipApi,
  ownershipKeys,
} from '../ownership.api.ts';
import { useOwnershipText } from '../ownership.i18n.ts';

interface DialogProps {
  ownership: Ownership;
  open: boolean;
  onClose: () => void;
  /** Called with the updated ownership after a change (or to reload after a conflict). */
  onChanged: (o?: Ownership) => void;
}

/** The people the caller may choose as owner or as responsible for a measure. */
/** The rule of a required field, its message naming the field; a text must hold more than spaces. */
function requiredRules(ot: ReturnType<typeof useOwnershipText>, field: string, text = false) {
  return [{ required: true, whitespace: text, message: ot('common.required', { field }) }];
}

function usePeople(petitionId: string, enabled: boolean) {
  return useQuery({
    queryKey: ownershipKeys.people(petitionId),
    queryFn: () => ownershipApi.people(petitionId),
    enabled,
    staleTime: 60_000,
  });
}

const personOptions = (list: { id: string; name: string; unitName: string }[] = []) =>
  list.map((p) => ({ value: p.id, label: `${p.name}（${p.unitName}）` }));

interface PlanForm {
  demand: string;
  policyBasis: string;
  nextContactOn: string;
  measures: MeasureInput[];
}

/** 编辑方案: demand, policy basis, next contact date and the measures (who, by when, done). */
export function PlanDialog({ ownership, open, onClose, onChanged }: DialogProps) {
  const ot = useOwnershipText();
  const { message } = App.useApp();
  const [form] = Form.useForm<PlanForm>();
  const people = usePeople(ownership.petitionId, open);
  useEffect(() => {
    if (open)
      form.setFieldsValue({
        demand: ownership.plan.demand,
        policyBasis: ownership.plan.policyBasis,
        nextContactOn: ownership.plan.nextContactOn ?? '',
        measures: ownership.plan.measures.map((m) => ({
          id: m.id,
          text: m.text,
          assigneeId: m.assigneeId,
          dueOn: m.dueOn,
          done: m.done,
        })),
      });
  }, [open, ownership, form]);
  const save = useMutation({
    mutationFn: (v: PlanForm) =>
      ownershipApi.updatePlan(ownership.petitionId, {
        version: ownership.version,
        demand: v.demand ?? '',
        policyBasis: v.policyBasis ?? '',
        nextContactOn: v.nextContactOn || null,
        measures: (v.measures ?? []).map((m) => ({ ...m, done: Boolean(m.done) })),
      }),
    meta: { silent: true },
    onSuccess: (o) => {
      message.success(ot('plan.saved'));
      onChanged(o);
      onClose();
    },
    onError: (e) => {
      if (e instanceof ApiError && e.code === 'version_conflict') onChanged();
    },
  });
  const required = (field: string) => requiredRules(ot, field);
  const error = save.error instanceof ApiError ? save.error : null;
  return (
    <Modal
      open={open}
      title={ot('plan.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={ot('common.save')}
      cancelText={ot('common.cancel')}
      confirmLoading={save.isPending}
      destroyOnHidden
      width={720}
    >
      {error && (
        <Alert
          type="error"
          showIcon
          className="own-alert"
          title={error.code === 'version_conflict' ? ot('common.conflict') : error.message}
        />
      )}
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="demand" label={ot('panel.demand')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="policyBasis" label={ot('panel.policyBasis')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="nextContactOn" label={ot('panel.nextContact')}>
          <Input type="date" />
        </Form.Item>
        <Form.List name="measures">
          {(fields, { add, remove }) => (
            <fieldset className="own-fieldset">
              <legend>{ot('panel.measures')}</legend>
              {fields.map((f, i) => (
                <div key={f.key} className="own-measure-row" data-testid="measure-row">
                  <Form.Item name={[f.name, 'id']} hidden>
                    <Input />
                  </Form.Item>
                  <Form.Item
                    className="own-measure-text"
                    name={[f.name, 'text']}
                    label={`${ot('plan.measure')} ${i + 1}`}
                    rules={required(ot('plan.measure'))}
                  >
                    <Input maxLength={500} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'assigneeId']}
                    label={ot('plan.assignee')}
                    rules={required(ot('plan.assignee'))}
                  >
                    <Select
                      showSearch={{ optionFilterProp: 'label' }}
                      loading={people.isPending}
                      options={personOptions(people.data?.assignees)}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'dueOn']}
                    label={ot('panel.dueOn')}
                    rules={required(ot('panel.dueOn'))}
                  >
                    <Input type="date" />
                  </Form.Item>
                  <Form.Item name={[f.name, 'done']} valuePropName="checked" label=" ">
                    <Checkbox>{ot('panel.done')}</Checkbox>
                  </Form.Item>
                  <Button type="text" className="own-remove" aria-label="×" onClick={() => remove(f.name)}>
                    ×
                  </Button>
                </div>
              ))}
              <Button type="link" size="small" onClick={() => add({ done: false })}>
                + {ot('plan.addMeasure')}
              </Button>
            </fieldset>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

/** 记录进展: a dated entry (today by default, never later). */
export function ProgressDialog({ ownership, open, onClose, onChanged }: DialogProps) {
  const ot = useOwnershipText();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ on: string; text: string }>();
  const [key, renew] = useIdempotencyKey();
  const save = useMutation({
    mutationFn: (v: { on: string; text: string }) => ownershipApi.addProgress(ownership.petitionId, v, key),
    onSuccess: (o) => {
      message.success(ot('progress.saved'));
      renew();
      form.resetFields();
      onChanged(o);
      onClose();
    },
  });
  const today = chinaToday();
  return (
    <Modal
      open={open}
      title={ot('progress.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={ot('common.save')}
      cancelText={ot('common.cancel')}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={{ on: today }}>
        <Form.Item name="on" label={ot('progress.on')} rules={requiredRules(ot, ot('progress.on'))}>
          <Input type="date" max={today} min={ownership.takenOn ?? undefined} />
        </Form.Item>
        <Form.Item
          name="text"
          label={ot('progress.text')}
          rules={requiredRules(ot, ot('progress.text'), true)}
        >
          <Input.TextArea rows={4} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface OutcomeForm {
  type: (typeof OUTCOME_TYPES)[number];
  assistanceKind?: (typeof ASSISTANCE_KINDS)[number];
  amount?: string;
  note: string;
  on: string;
}

/** 记录结果: the disposition type (and for assistance its kind and amount), once. */
export function OutcomeDialog({ ownership, open, onClose, onChanged }: DialogProps) {
  const ot = useOwnershipText();
  const { message } = App.useApp();
  const [form] = Form.useForm<OutcomeForm>();
  const [key, renew] = useIdempotencyKey();
  const type = Form.useWatch('type', form);
  const kind = Form.useWatch('assistanceKind', form);
  const save = useMutation({
    mutationFn: (v: OutcomeForm) =>
      ownershipApi.recordOutcome(
        ownership.petitionId,
        {
          version: ownership.version,
          type: v.type,
          note: v.note,
          on: v.on,
          ...(v.type === 'assisted' ? { assistanceKind: v.assistanceKind } : {}),
          ...(v.type === 'assisted' && v.assistanceKind !== 'referral' && v.amount
            ? { amount: v.amount }
            : {}),
        },
        key,
      ),
    onSuccess: (o) => {
      message.success(ot('outcome.saved'));
      renew();
      onChanged(o);
      onClose();
    },
    onError: (e) => {
      if (e instanceof ApiError && e.code === 'version_conflict') onChanged();
    },
  });
  const today = chinaToday();
  const req = (field: string) => requiredRules(ot, field);
  return (
    <Modal
      open={open}
      title={ot('outcome.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={ot('common.save')}
      cancelText={ot('common.cancel')}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={ot('outcome.once')} className="own-alert" />
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={{ on: today }}>
        <Form.Item name="type" label={ot('outcome.type')} rules={req(ot('outcome.type'))}>
          <Select options={OUTCOME_TYPES.map((t) => ({ value: t, label: ot(`type.${t}`) }))} />
        </Form.Item>
        {type === 'assisted' && (
          <div className="own-row">
            <Form.Item name="assistanceKind" label={ot('outcome.kind')} rules={req(ot('outcome.kind'))}>
              <Select options={ASSISTANCE_KINDS.map((k) => ({ value: k, label: ot(`kind.${k}`) }))} />
            </Form.Item>
            {kind !== 'referral' && (
              <Form.Item
                name="amount"
                label={ot('panel.amount')}
                rules={[
                  { pattern: /^\d{1,9}(\.\d{1,2})?$/, message: '金额应为不超过两位小数的元数，例如 1200' },
                ]}
              >
                <Input inputMode="decimal" />
              </Form.Item>
            )}
          </div>
        )}
        <Form.Item name="note" label={ot('outcome.note')} rules={req(ot('outcome.note'))}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="on" label={ot('outcome.on')} rules={req(ot('outcome.on'))}>
          <Input type="date" max={today} min={ownership.takenOn ?? undefined} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 指定领导包案 or 移交: choose a leader who may own the case (and, for a handover, say why). */
export function LeaderDialog({
  ownership,
  open,
  onClose,
  onChanged,
  mode,
}: DialogProps & { mode: 'assign' | 'handover' }) {
  const ot = useOwnershipText();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ leaderId: string; reason?: string }>();
  const [key, renew] = useIdempotencyKey();
  const people = usePeople(ownership.petitionId, open);
  const save = useMutation({
    mutationFn: (v: { leaderId: string; reason?: string }) =>
      mode === 'assign'
        ? ownershipApi.take(ownership.petitionId, v.leaderId, key)
        : ownershipApi.handover(
            ownership.petitionId,
            { version: ownership.version, leaderId: v.leaderId, reason: v.reason ?? '' },
            key,
          ),
    onSuccess: (o) => {
      message.success(ot(mode === 'assign' ? 'take.saved' : 'handover.saved'));
      renew();
      form.resetFields();
      onChanged(o);
      onClose();
    },
    onError: (e) => {
      if (e instanceof ApiError && e.code === 'version_conflict') onChanged();
    },
  });
  const leaders = (people.data?.leaders ?? []).filter((l) => l.id !== ownership.leader?.id);
  return (
    <Modal
      open={open}
      title={ot(mode === 'assign' ? 'take.title' : 'handover.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={ot('common.save')}
      cancelText={ot('common.cancel')}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item
          name="leaderId"
          label={ot(mode === 'assign' ? 'take.leader' : 'handover.leader')}
          rules={requiredRules(ot, ot(mode === 'assign' ? 'take.leader' : 'handover.leader'))}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={people.isPending}
            options={personOptions(leaders)}
          />
        </Form.Item>
        {mode === 'handover' && (
          <Form.Item
            name="reason"
            label={ot('handover.reason')}
            rules={requiredRules(ot, ot('handover.reason'), true)}
          >
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
