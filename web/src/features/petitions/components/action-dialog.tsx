import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, TreeSelect } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo } from 'react';
import { useI18n } from '../../../i18n/i18n.tsx';
import { ApiError } from '../../../lib/http.ts';
import { useIdempotencyKey } from '../../../lib/use-idempotency-key.ts';
import { useSingleFlight } from '../../../lib/use-single-flight.ts';
import { type ActionName, chinaToday, fieldErrorsOf } from '../petition-view.ts';
import {
  ANSWER_DECISIONS,
  type Petition,
  type PetitionActionInput,
  petitionKeys,
  petitionsApi,
  REDIRECT_ROUTES,
  REVIEW_DECISIONS,
} from '../petitions.api.ts';
import { useActionLabel } from './action-labels.ts';

/** What the dialog edits: every field any action takes; the body keeps those of the chosen action. */
interface Values {
  on?: Dayjs;
  route?: string;
  note?: string;
  unitId?: string;
  intoId?: string;
  reason?: string;
  uphold?: boolean;
  handlerId?: string;
  coHandlerIds?: string[];
  opinion?: string;
  instruction?: string;
  days?: number;
  decision?: string;
  text?: string;
  facts?: string;
  reasons?: string;
  legalBasis?: string;
}

/** The request body of an action from the dialog's values, with the fields the contract names. */
export function actionBody(action: ActionName, v: Values): PetitionActionInput {
  const on = v.on ? { on: v.on.format('YYYY-MM-DD') } : {};
  const trim = (s?: string) => s?.trim() ?? '';
  const opt = (s?: string) => (s?.trim() ? s.trim() : undefined);
  switch (action) {
    case 'redirect':
      return { action, route: v.route as never, note: trim(v.note), ...on };
    case 'transfer':
      return { action, unitId: v.unitId ?? '', note: trim(v.note), ...on };
    case 'link':
    case 'merge':
      return { action, intoId: v.intoId ?? '', note: opt(v.note), ...on };
    case 'object':
    case 'reject':
    case 'request_review':
    case 'request_rereview':
      return { action, reason: trim(v.reason), ...on };
    case 'decide_objection':
      return { action, uphold: v.uphold === true, note: trim(v.note), ...on };
    case 'assign':
      return {
        action,
        handlerId: v.handlerId ?? '',
        opinion: trim(v.opinion),
        instruction: opt(v.instruction),
        coHandlerIds: v.coHandlerIds ?? [],
        ...on,
      };
    case 'extend':
      return { action, days: v.days ?? 0, reason: trim(v.reason), ...on };
    case 'answer':
      return {
        action,
        decision: v.decision as never,
        text: trim(v.text),
        facts: opt(v.facts),
        reasons: opt(v.reasons),
        legalBasis: opt(v.legalBasis),
        ...on,
      };
    case 'review':
    case 'rereview':
      return { action, decision: v.decision as never, text: trim(v.text), ...on };
    default:
      return { action, ...on } as PetitionActionInput;
  }
}

/** A small form for one lifecycle action; the server's 409/422 message is shown in place. */
export function ActionDialog({
  petition,
  action,
  onClose,
}: {
  petition: Petition;
  action: ActionName | null;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const actionLabel = useActionLabel();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const today = chinaToday();

  const handlers = useQuery({
    queryKey: petitionKeys.handlers(petition.id),
    queryFn: () => petitionsApi.handlerCandidates(petition.id),
    enabled: action === 'assign',
  });
  const targets = useQuery({
    queryKey: petitionKeys.transferTargets(petition.id),
    queryFn: () => petitionsApi.transferTargets(petition.id),
    enabled: action === 'transfer',
  });
  const linkTargets = useQuery({
    queryKey: petitionKeys.linkTargets(petition.id),
    queryFn: () => petitionsApi.linkTargets(petition.id),
    enabled: action === 'link',
  });
  const duplicates = useQuery({
    queryKey: petitionKeys.duplicates(petition.id),
    queryFn: () => petitionsApi.duplicates(petition.id),
    enabled: action === 'merge',
  });
  const targetTree = useMemo(
    () =>
      (targets.data?.items ?? []).map((u) => ({
        id: u.id,
        pId: u.parentId ?? undefined,
        value: u.id,
        title: u.name,
      })),
    [targets.data],
  );
  const handlerOptions = (handlers.data?.items ?? []).map((u) => ({
    value: u.id,
    label: u.unitId === petition.unitId ? u.name : `${u.name}（${u.unitName}）`,
  }));

  const run = useMutation({
    meta: { silent: true },
    mutationFn: (v: Values) => petitionsApi.act(petition.id, actionBody(action as ActionName, v)),
    onSuccess: (updated) => {
      queryClient.setQueryData(petitionKeys.one(petition.id), updated);
      void queryClient.invalidateQueries({ queryKey: petitionKeys.all });
      message.success(t('pet.action.done', { action: actionLabel(action as ActionName) }));
      onClose();
    },
    onError: (e) => {
      if (e instanceof ApiError)
        form.setFields(fieldErrorsOf(e.details, e.message) as Parameters<typeof form.setFields>[0]);
    },
  });
  const submit = useSingleFlight((v: Values) => run.mutateAsync(v));
  const reset = run.reset;
  useEffect(() => {
    if (!action) return;
    reset();
    form.resetFields();
  }, [action, form, reset]);

  const need = (label: string) => ({
    required: true,
    whitespace: true,
    message: `${t('pet.action.required')}：${label}`,
  });
  const text = (name: keyof Values, label: string, required = true, rows = 3) => (
    <Form.Item name={name} label={label} rules={required ? [need(label)] : []}>
      <Input.TextArea autoSize={{ minRows: rows, maxRows: 10 }} maxLength={20000} />
    </Form.Item>
  );

  const fields = () => {
    switch (action) {
      case 'accept':
        return <p className="muted">{t('pet.action.acceptHelp')}</p>;
      case 'start':
        return <p className="muted">{t('pet.action.startHelp')}</p>;
      case 'close':
        return <p className="muted">{t('pet.action.closeHelp')}</p>;
      case 'finalize':
        return <p className="muted">{t('pet.action.finalizeHelp')}</p>;
      case 'redirect':
        return (
          <>
            <Form.Item name="route" label={t('pet.action.route')} rules={[need(t('pet.action.route'))]}>
              <Select
                options={REDIRECT_ROUTES.map((r) => ({ value: r, label: t(`pet.action.route.${r}`) }))}
              />
            </Form.Item>
            {text('note', t('pet.action.note'))}
          </>
        );
      case 'link':
        return (
          <>
            <p className="muted">{t('pet.action.linkHelp')}</p>
            <Form.Item
              name="intoId"
              label={t('pet.action.linkInto')}
              rules={[need(t('pet.action.linkInto'))]}
            >
              <Select
                loading={linkTargets.isPending}
                notFoundContent={t('pet.action.linkNone')}
                options={(linkTargets.data?.items ?? []).map((c) => ({
                  value: c.id,
                  label: `${c.number} · ${c.title} · ${c.unitName} · ${c.statusLabel}`,
                }))}
              />
            </Form.Item>
            {text('note', t('pet.action.note'))}
          </>
        );
      case 'merge':
        return (
          <>
            <p className="muted">{t('pet.action.mergeHelp')}</p>
            <Form.Item
              name="intoId"
              label={t('pet.action.mergeInto')}
              rules={[need(t('pet.action.mergeInto'))]}
            >
              <Select
                loading={duplicates.isPending}
                notFoundContent={t('pet.action.mergeNone')}
                options={(duplicates.data?.items ?? [])
                  .filter((c) => c.mergeable)
                  .map((c) => ({
                    value: c.id,
                    label: `${c.number} · ${c.title}`,
                    detail: `${c.reason} · ${c.statusLabel} · ${c.receivedOn}`,
                  }))}
                optionRender={(o) => (
                  <div className="pet-merge-option">
                    <div>{o.data.label}</div>
                    <div className="muted">{o.data.detail}</div>
                  </div>
                )}
              />
            </Form.Item>
            {text('note', t('pet.action.mergeNote'), false)}
          </>
        );
      case 'transfer':
        return (
          <>
            <Form.Item
              name="unitId"
              label={t('pet.action.transferTo')}
              rules={[need(t('pet.action.transferTo'))]}
            >
              <TreeSelect
                treeDataSimpleMode
                treeData={targetTree}
                loading={targets.isPending}
                showSearch={{ treeNodeFilterProp: 'title' }}
                treeDefaultExpandAll
              />
            </Form.Item>
            {text('note', t('pet.action.transferNote'))}
          </>
        );
      case 'object':
      case 'reject':
        return text('reason', t('pet.action.reason'));
      case 'request_review':
      case 'request_rereview':
        return text('reason', t('pet.action.requestReason'));
      case 'decide_objection':
        return (
          <>
            <Form.Item
              name="uphold"
              label={t('pet.action.uphold')}
              rules={[{ required: true, message: t('pet.action.required') }]}
            >
              <Radio.Group
                options={[
                  { value: true, label: t('pet.action.upholdYes') },
                  { value: false, label: t('pet.action.upholdNo') },
                ]}
              />
            </Form.Item>
            {text('note', t('pet.action.decisionNote'))}
          </>
        );
      case 'assign':
        return (
          <>
            <Form.Item
              name="handlerId"
              label={t('pet.action.handlerId')}
              rules={[need(t('pet.action.handlerId'))]}
            >
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('pet.action.handlerPlaceholder')}
                loading={handlers.isPending}
                options={handlerOptions}
              />
            </Form.Item>
            <Form.Item name="coHandlerIds" label={t('pet.action.coHandlers')}>
              <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={handlerOptions} />
            </Form.Item>
            {text('opinion', t('pet.action.opinion'))}
            {text('instruction', t('pet.action.instruction'), false, 2)}
          </>
        );
      case 'extend':
        return (
          <>
            <Form.Item
              name="days"
              label={t('pet.action.days')}
              extra={t('pet.action.daysHelp')}
              rules={[
                { required: true, type: 'integer', min: 1, max: 30, message: t('pet.action.daysHelp') },
              ]}
            >
              <InputNumber min={1} max={30} precision={0} style={{ width: 160 }} />
            </Form.Item>
            {text('reason', t('pet.action.reason'))}
          </>
        );
      case 'answer':
        return (
          <>
            <Form.Item
              name="decision"
              label={t('pet.action.decision')}
              rules={[need(t('pet.action.decision'))]}
            >
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                options={ANSWER_DECISIONS.map((d) => ({ value: d, label: t(`pet.action.decision.${d}`) }))}
              />
            </Form.Item>
            {text('text', t('pet.action.answerText'), true, 4)}
            {text('facts', t('pet.action.facts'), false, 2)}
            {text('reasons', t('pet.action.reasons'), false, 2)}
            {text('legalBasis', t('pet.action.legalBasis'), false, 2)}
          </>
        );
      case 'review':
      case 'rereview':
        return (
          <>
            <Form.Item
              name="decision"
              label={t('pet.action.reviewDecision')}
              rules={[need(t('pet.action.reviewDecision'))]}
            >
              <Radio.Group
                options={REVIEW_DECISIONS.map((d) => ({
                  value: d,
                  label: t(`pet.action.reviewDecision.${d}`),
                }))}
              />
            </Form.Item>
            {text(
              'text',
              action === 'review' ? t('pet.action.reviewText') : t('pet.action.rereviewText'),
              true,
              4,
            )}
          </>
        );
      default:
        return null;
    }
  };

  return (
    <Modal
      open={action !== null}
      title={action ? actionLabel(action) : ''}
      okText={action ? t('pet.action.confirm', { action: actionLabel(action) }) : t('common.ok')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      okButtonProps={{ loading: run.isPending }}
      onCancel={onClose}
      destroyOnHidden
      forceRender
      width={action === 'answer' ? 680 : 560}
    >
      {run.isError && (
        <Alert
          type="error"
          showIcon
          title={run.error.message}
          style={{ marginBottom: 16 }}
          data-testid="action-error"
        />
      )}
      <Form<Values>
        form={form}
        name={`petition-${action ?? 'action'}`}
        layout="vertical"
        requiredMark={false}
        onFinish={submit}
      >
        {fields()}
        <Form.Item
          name="on"
          label={t('pet.action.on')}
          extra={t('pet.action.onHelp')}
          rules={[
            {
              validator: async (_r, v: Dayjs | undefined) => {
                if (v && v.format('YYYY-MM-DD') > today) throw new Error(t('pet.reg.futureDate'));
              },
            },
          ]}
        >
          <DatePicker
            format="YYYY-MM-DD"
            disabledDate={(d) =>
              d.format('YYYY-MM-DD') > today || d.format('YYYY-MM-DD') < petition.receivedOn
            }
            style={{ width: 180 }}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Declares one's own interest in the case (回避): afterwards one may not handle it. */
export function InterestDialog({
  petition,
  open,
  onClose,
}: {
  petition: Petition;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const [key, renewKey] = useIdempotencyKey();
  const run = useMutation({
    meta: { silent: true },
    mutationFn: (v: { reason: string }) => petitionsApi.declareInterest(petition.id, v.reason.trim(), key),
    onSuccess: (updated) => {
      renewKey();
      queryClient.setQueryData(petitionKeys.one(petition.id), updated);
      void queryClient.invalidateQueries({ queryKey: petitionKeys.all });
      onClose();
    },
  });
  const submit = useSingleFlight((v: { reason: string }) => run.mutateAsync(v));
  return (
    <Modal
      open={open}
      title={t('pet.action.declareInterest')}
      okText={t('pet.action.declareInterest')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      okButtonProps={{ loading: run.isPending, danger: true }}
      onCancel={onClose}
      destroyOnHidden
      forceRender
    >
      {run.isError && <Alert type="error" showIcon title={run.error.message} style={{ marginBottom: 16 }} />}
      <p className="muted">{t('pet.action.interestHelp')}</p>
      <Form form={form} layout="vertical" requiredMark={false} onFinish={submit} name="petition-interest">
        <Form.Item
          name="reason"
          label={t('pet.action.interestReason')}
          rules={[{ required: true, whitespace: true, message: t('pet.action.required') }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
