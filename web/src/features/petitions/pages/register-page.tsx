import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RefSelectProps } from 'antd';
import { Alert, Button, Card, DatePicker, Form, Input, InputNumber, Radio, Select, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  CreatePetitionBody,
  IdNumberSchema,
  PetitionerInput,
  PhoneSchema,
} from '../../../../../shared/contracts/petitions.ts';
import { useSession } from '../../../app/session.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { useI18n } from '../../../i18n/i18n.tsx';
import { ApiError } from '../../../lib/http.ts';
import { useIdempotencyKey } from '../../../lib/use-idempotency-key.ts';
import { useSingleFlight } from '../../../lib/use-single-flight.ts';
import { zodRule } from '../../../lib/zod-rule.ts';
import { UnitTreeSelect } from '../../org/components/unit-tree-select.tsx';
import { usePetitionLabels } from '../components/petition-tags.tsx';
import { PetitionerHistory } from '../components/petitioner-history.tsx';
import { RegisteredResult } from '../components/registered-result.tsx';
import { useEnterNavigation } from '../components/use-enter-navigation.ts';
import { chinaToday, fieldErrorsOf } from '../petition-view.ts';
import {
  type Channel,
  CLASSIFICATIONS,
  type Classification,
  type CreatePetitionInput,
  PETITION_CHANNELS,
  petitionKeys,
  petitionsApi,
  type Registered,
} from '../petitions.api.ts';
import '../petitions.css';

/** A collective visit (more than this many people) registers only its elected representatives. */
const MAX_REPRESENTATIVES = 5;

interface PetitionerValues {
  name?: string;
  idNumber?: string;
  phone?: string;
  address?: string;
}

interface Values {
  channel: Channel;
  receivedOn: Dayjs;
  unitId: string;
  classification?: Classification;
  category?: string;
  title?: string;
  content?: string;
  demands?: string;
  peopleCount: number;
  petitioners: PetitionerValues[];
  accused?: { unitId?: string; name?: string };
}

type Kept = Pick<Values, 'channel' | 'receivedOn' | 'unitId'>;

const blank = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);
/** An optional field checked by its contract schema only when something was typed. */
const optionalRule = (schema: Parameters<typeof zodRule>[0]) => ({
  validator: async (_r: unknown, value: string | undefined) => {
    if (!value?.trim()) return;
    const r = schema.safeParse(value);
    if (!r.success) throw new Error(r.error.issues[0]?.message ?? '格式不正确');
  },
});

/** The request body from the form, as the contract names it. */
function bodyOf(v: Values): CreatePetitionInput {
  const collective = v.peopleCount > MAX_REPRESENTATIVES;
  const accused =
    v.classification === 'accusation' && (v.accused?.unitId || blank(v.accused?.name))
      ? { unitId: v.accused?.unitId, name: blank(v.accused?.name) }
      : undefined;
  return {
    channel: v.channel,
    receivedOn: v.receivedOn.format('YYYY-MM-DD'),
    unitId: v.unitId,
    classification: v.classification as Classification,
    category: v.category ?? '',
    title: v.title?.trim() ?? '',
    content: v.content?.trim() ?? '',
    demands: v.demands?.trim() ?? '',
    peopleCount: v.peopleCount,
    petitioners: v.petitioners.map((p) => ({
      name: p.name?.trim() ?? '',
      idNumber: blank(p.idNumber),
      phone: blank(p.phone),
      address: blank(p.address),
      ...(collective ? { isRepresentative: true } : {}),
    })),
    ...(accused ? { accused } : {}),
  } as CreatePetitionInput;
}

/**
 * 登记信访事项, built for a clerk registering letters all day: the first field has the focus, Enter
 * moves on, Ctrl+Enter registers; channel, date and unit stay for the next letter.
 */
export function RegisterPage() {
  const me = useSession();
  const { t } = useI18n();
  const labels = usePetitionLabels();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [key, renewKey] = useIdempotencyKey();
  const [result, setResult] = useState<Registered | null>(null);
  const firstField = useRef<RefSelectProps>(null);
  const today = chinaToday();

  const categories = useQuery({ queryKey: petitionKeys.categories, queryFn: petitionsApi.categories });
  const categoryOptions = useMemo(
    () =>
      (categories.data?.items ?? []).filter((c) => c.active).map((c) => ({ value: c.name, label: c.name })),
    [categories.data],
  );

  const initial: Kept & Partial<Values> = {
    channel: 'letter',
    receivedOn: dayjs(today),
    unitId: me.unitId,
    peopleCount: 1,
    petitioners: [{}],
  };

  const register = useMutation({
    meta: { silent: true },
    mutationFn: (v: Values) => petitionsApi.register(bodyOf(v), key),
    onSuccess: (r) => {
      renewKey();
      setResult(r);
      void queryClient.invalidateQueries({ queryKey: petitionKeys.all });
    },
    onError: (e) => {
      if (e instanceof ApiError)
        form.setFields(fieldErrorsOf(e.details, e.message) as Parameters<typeof form.setFields>[0]);
    },
  });
  const submit = useSingleFlight((v: Values) => register.mutateAsync(v));
  const submitForm = useCallback(() => form.submit(), [form]);
  const onKeyDown = useEnterNavigation(submitForm);

  const focusFirst = useCallback(() => setTimeout(() => firstField.current?.focus(), 0), []);
  useEffect(() => {
    focusFirst();
  }, [focusFirst]);

  const next = () => {
    const kept: Kept = form.getFieldsValue(['channel', 'receivedOn', 'unitId']);
    form.resetFields();
    form.setFieldsValue(kept);
    register.reset();
    setResult(null);
    focusFirst();
  };

  const classification = Form.useWatch('classification', form);
  const peopleCount = Form.useWatch('peopleCount', form) ?? 1;
  const petitionerValues = Form.useWatch('petitioners', form) as PetitionerValues[] | undefined;
  const collective = peopleCount > MAX_REPRESENTATIVES;
  const required = (field: string) => ({
    required: true,
    whitespace: true,
    message: t('pet.reg.required', { field }),
  });

  return (
    <div className="pet-register">
      <PageHeader title={t('pet.reg.title')} subtitle={t('pet.reg.subtitle')} />
      {result && <RegisteredResult result={result} onNext={next} />}
      <div hidden={!!result} onKeyDownCapture={onKeyDown}>
        <Form<Values>
          form={form}
          name="petition-register"
          layout="vertical"
          requiredMark
          initialValues={initial}
          onFinish={submit}
          onFinishFailed={() => undefined}
          scrollToFirstError={{ block: 'center' }}
        >
          {register.isError && (
            <Alert
              type="error"
              showIcon
              title={register.error.message}
              className="pet-form-error"
              data-testid="register-error"
            />
          )}
          <Card title={t('pet.reg.source')} className="pet-form-card">
            <div className="pet-grid pet-grid-3">
              <Form.Item name="channel" label={t('pet.channel')} rules={[{ required: true }]}>
                <Select<Channel>
                  ref={firstField}
                  autoFocus
                  options={PETITION_CHANNELS.map((c) => ({ value: c, label: labels.channel(c) }))}
                />
              </Form.Item>
              <Form.Item
                name="receivedOn"
                label={t('pet.receivedOn')}
                rules={[
                  { required: true, message: t('pet.reg.required', { field: t('pet.receivedOn') }) },
                  {
                    validator: async (_r, v: Dayjs | undefined) => {
                      if (v && v.format('YYYY-MM-DD') > today) throw new Error(t('pet.reg.futureDate'));
                    },
                  },
                ]}
              >
                <DatePicker
                  style={{ width: '100%' }}
                  format="YYYY-MM-DD"
                  allowClear={false}
                  disabledDate={(d) => d.format('YYYY-MM-DD') > today}
                />
              </Form.Item>
              <Form.Item
                name="unitId"
                label={t('pet.unit')}
                rules={[{ required: true, message: t('pet.reg.required', { field: t('pet.unit') }) }]}
              >
                <UnitTreeSelect />
              </Form.Item>
            </div>
          </Card>

          <Card title={t('pet.reg.matter')} className="pet-form-card">
            <Form.Item
              name="classification"
              label={t('pet.classification')}
              rules={[{ required: true, message: t('pet.reg.required', { field: t('pet.classification') }) }]}
            >
              <Radio.Group name="classification" className="pet-classification">
                {CLASSIFICATIONS.map((c) => (
                  <Radio key={c} value={c}>
                    <span className="pet-classification-name">{labels.classification(c)}</span>
                    <span className="pet-classification-help">{t(`pet.classificationHelp.${c}`)}</span>
                  </Radio>
                ))}
              </Radio.Group>
            </Form.Item>
            <div className="pet-grid pet-grid-2-1">
              <Form.Item
                name="title"
                label={t('pet.title')}
                rules={[required(t('pet.title')), zodRule(CreatePetitionBody.shape.title)]}
              >
                <Input maxLength={200} placeholder={t('pet.reg.titlePlaceholder')} autoComplete="off" />
              </Form.Item>
              <Form.Item
                name="category"
                label={t('pet.category')}
                rules={[{ required: true, message: t('pet.reg.required', { field: t('pet.category') }) }]}
              >
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder={t('pet.reg.categoryPlaceholder')}
                  loading={categories.isPending}
                  options={categoryOptions}
                />
              </Form.Item>
            </div>
            <Form.Item
              name="content"
              label={t('pet.content')}
              rules={[required(t('pet.content')), zodRule(CreatePetitionBody.shape.content)]}
            >
              <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={20000} />
            </Form.Item>
            <div className="pet-grid pet-grid-2-1">
              <Form.Item name="demands" label={t('pet.demands')}>
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={5000} />
              </Form.Item>
              <Form.Item
                name="peopleCount"
                label={t('pet.peopleCount')}
                rules={[
                  {
                    required: true,
                    type: 'integer',
                    min: 1,
                    message: t('pet.reg.required', { field: t('pet.peopleCount') }),
                  },
                ]}
                extra={collective ? t('pet.reg.representativeHelp') : undefined}
              >
                <InputNumber min={1} max={100000} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </div>
          </Card>

          <Card title={t('pet.reg.petitioners')} className="pet-form-card">
            <Form.List
              name="petitioners"
              rules={[
                {
                  validator: async (_r, list: PetitionerValues[] | undefined) => {
                    const n = list?.length ?? 0;
                    if (collective && n > MAX_REPRESENTATIVES)
                      throw new Error(t('pet.reg.tooManyRepresentatives'));
                  },
                },
              ]}
            >
              {(fields, { add, remove }, { errors }) => (
                <>
                  {fields.map((field, index) => (
                    <div key={field.key} className="pet-petitioner-row" data-testid={`petitioner-${index}`}>
                      <div className="pet-petitioner-index">
                        {index + 1}
                        {collective && (
                          <Tag color="blue" variant="filled">
                            {t('pet.reg.representative')}
                          </Tag>
                        )}
                      </div>
                      <div className="pet-grid pet-grid-petitioner">
                        <Form.Item
                          name={[field.name, 'name']}
                          label={t('pet.reg.name')}
                          rules={[required(t('pet.reg.name')), zodRule(PetitionerInput.shape.name)]}
                        >
                          <Input maxLength={60} autoComplete="off" />
                        </Form.Item>
                        <Form.Item
                          name={[field.name, 'idNumber']}
                          label={t('pet.reg.idNumber')}
                          rules={[optionalRule(IdNumberSchema)]}
                        >
                          <Input maxLength={18} autoComplete="off" className="pet-mono" />
                        </Form.Item>
                        <Form.Item
                          name={[field.name, 'phone']}
                          label={t('pet.reg.phone')}
                          rules={[optionalRule(PhoneSchema)]}
                        >
                          <Input maxLength={24} autoComplete="off" inputMode="tel" className="pet-mono" />
                        </Form.Item>
                        <Form.Item name={[field.name, 'address']} label={t('pet.reg.address')}>
                          <Input maxLength={200} autoComplete="off" />
                        </Form.Item>
                      </div>
                      <PetitionerHistory
                        idNumber={petitionerValues?.[index]?.idNumber}
                        phone={petitionerValues?.[index]?.phone}
                      />
                      {fields.length > 1 && (
                        <Button
                          type="text"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={t('pet.reg.removePetitioner')}
                          title={t('pet.reg.removePetitioner')}
                          className="pet-petitioner-remove"
                          data-enter-skip
                          onClick={() => remove(field.name)}
                        />
                      )}
                    </div>
                  ))}
                  <Form.ErrorList errors={errors} />
                  <Button
                    type="dashed"
                    icon={<PlusOutlined />}
                    onClick={() => add({})}
                    disabled={fields.length >= (collective ? MAX_REPRESENTATIVES : Math.max(peopleCount, 1))}
                  >
                    {t('pet.reg.addPetitioner')}
                  </Button>
                </>
              )}
            </Form.List>
          </Card>

          {classification === 'accusation' && (
            <Card title={t('pet.reg.accused')} className="pet-form-card pet-accused-card">
              <p className="muted pet-help">{t('pet.reg.accusedHelp')}</p>
              <div className="pet-grid pet-grid-2">
                <Form.Item name={['accused', 'unitId']} label={t('pet.reg.accusedUnit')}>
                  <UnitTreeSelect allowClear />
                </Form.Item>
                <Form.Item
                  name={['accused', 'name']}
                  label={t('pet.reg.accusedName')}
                  dependencies={[['accused', 'unitId']]}
                  rules={[
                    ({ getFieldValue }) => ({
                      validator: async (_r, v: string | undefined) => {
                        if (!v?.trim() && !getFieldValue(['accused', 'unitId']))
                          throw new Error(t('pet.reg.accusedRequired'));
                      },
                    }),
                  ]}
                >
                  <Input maxLength={100} autoComplete="off" />
                </Form.Item>
              </div>
            </Card>
          )}

          <div className="pet-submit-bar">
            <span className="muted pet-shortcut">{t('pet.reg.shortcut')}</span>
            <Button
              type="primary"
              size="large"
              htmlType="submit"
              loading={register.isPending}
              data-enter-submit
            >
              {t('pet.reg.submit')}
            </Button>
          </div>
        </Form>
      </div>
    </div>
  );
}
