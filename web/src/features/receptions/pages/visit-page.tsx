import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Result,
  Switch,
  Table,
  Tag,
  TimePicker,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { useSession } from '../../../app/session.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { useIdempotencyKey } from '../../../lib/use-idempotency-key.ts';
import { UnitTreeSelect } from '../../org/components/unit-tree-select.tsx';
import { UserSelect } from '../../org/components/user-select.tsx';
import { chinaToday } from '../../petitions/petition-view.ts';
import {
  type CaseMode,
  CaseModeField,
  CasePicker,
  NewCaseFields,
  petitionFromForm,
} from '../components/case-fields.tsx';
import { LeaderSelect } from '../components/leader-select.tsx';
import { RequiredLeaderHint } from '../components/required-leader-hint.tsx';
import { type Reception, receptionKeys, receptionsApi } from '../receptions.api.ts';
import { useReceptionsText } from '../receptions.i18n.ts';
import '../receptions.css';

interface VisitForm {
  unitId: string;
  on: Dayjs;
  peopleCount: number;
  leaderId?: string;
  receivedAt?: Dayjs;
  staffIds?: string[];
  caseMode: CaseMode;
  petitionId?: string;
  petition?: Record<string, unknown>;
  joint?: boolean;
  coUnits?: { unitId?: string; staffIds?: string[] }[];
  note?: string;
}

/** The reception log (接访登记簿): who received whom, when, filtered by dates and leader. */
function ReceptionLog() {
  const rt = useReceptionsText();
  const [page, setPage] = useState(1);
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const [leaderId, setLeaderId] = useState<string | undefined>();
  const q = {
    from: range?.[0].format('YYYY-MM-DD'),
    to: range?.[1].format('YYYY-MM-DD'),
    leaderId,
    page,
    pageSize: 20,
  };
  const log = useQuery({ queryKey: receptionKeys.log(q), queryFn: () => receptionsApi.log(q) });
  const columns: ColumnsType<Reception> = [
    { title: rt('visit.on'), dataIndex: 'on', width: 110 },
    { title: rt('visit.unit'), dataIndex: 'unitName' },
    { title: rt('visit.people'), dataIndex: 'peopleCount', width: 90 },
    {
      title: rt('visit.leader'),
      render: (_v, r) => (
        <span>
          {r.leaderName ?? '—'}
          {r.receivedAt && <span className="muted"> · {dayjs(r.receivedAt).format('HH:mm')}</span>}
          {r.requiredLeaderLevel !== 'none' && (
            <div>
              <Tag color="orange" variant="filled">
                {rt('visit.required', { level: rt(`visit.level.${r.requiredLeaderLevel}`) })}
                {r.requiredLeader ? `：${r.requiredLeader.name}` : ''}
              </Tag>
            </div>
          )}
        </span>
      ),
    },
    {
      title: rt('visit.case'),
      render: (_v, r) =>
        r.petitionId ? <Link to={`/petitions/${r.petitionId}`}>{rt('visit.openCase')}</Link> : '—',
    },
    { title: rt('visit.note'), dataIndex: 'note', ellipsis: true },
  ];
  return (
    <Card title={rt('visit.log')} className="rcp-log">
      <p className="muted rcp-log-sub">{rt('visit.logSubtitle')}</p>
      <div className="rcp-filters">
        <DatePicker.RangePicker
          value={range}
          onChange={(v) => setRange(v as [Dayjs, Dayjs] | null)}
          inputReadOnly
        />
        <div className="rcp-filter-leader">
          <LeaderSelect value={leaderId} onChange={setLeaderId} allowClear />
        </div>
      </div>
      <Table
        rowKey="id"
        size="small"
        loading={log.isFetching}
        columns={columns}
        dataSource={log.data?.items ?? []}
        scroll={{ x: 720 }}
        pagination={{
          current: page,
          pageSize: 20,
          total: log.data?.total ?? 0,
          onChange: setPage,
          showTotal: (total) => rt('common.total', { total }),
        }}
      />
    </Card>
  );
}

/** 来访登记: walk-in, group or joint visit with the required leader shown live; creates or joins a case. */
export function VisitPage() {
  const rt = useReceptionsText();
  const session = useSession();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<VisitForm>();
  const [key, renew] = useIdempotencyKey();
  const [saved, setSaved] = useState<Reception | null>(null);
  const unitId = Form.useWatch('unitId', form);
  const people = Form.useWatch('peopleCount', form) ?? 1;
  const mode = (Form.useWatch('caseMode', form) ?? 'new') as CaseMode;
  const joint = Form.useWatch('joint', form) ?? false;
  const petitionId = Form.useWatch('petitionId', form);

  const register = useMutation({
    mutationFn: (v: VisitForm) => {
      const on = v.on.format('YYYY-MM-DD');
      const coUnits = (v.coUnits ?? []).filter((c) => c.unitId);
      return receptionsApi.register(
        {
          unitId: v.unitId,
          on,
          peopleCount: v.peopleCount,
          ...(v.leaderId ? { leaderId: v.leaderId } : {}),
          ...(v.receivedAt
            ? { receivedAt: dayjs(`${on}T${v.receivedAt.format('HH:mm')}:00+08:00`).toISOString() }
            : {}),
          staffIds: v.staffIds ?? [],
          ...(v.joint
            ? {
                units: [
                  { unitId: v.unitId, role: 'lead' as const, staffIds: v.staffIds ?? [] },
                  ...coUnits.map((c) => ({
                    unitId: c.unitId as string,
                    role: 'co' as const,
                    staffIds: c.staffIds ?? [],
                  })),
                ],
              }
            : {}),
          ...(mode === 'existing' && v.petitionId ? { petitionId: v.petitionId } : {}),
          ...(mode === 'new' ? { petition: petitionFromForm(v.petition) as never } : {}),
          note: v.note ?? '',
        },
        key,
      );
    },
    onSuccess: (r) => {
      message.success(rt('visit.saved'));
      renew();
      setSaved(r);
      void queryClient.invalidateQueries({ queryKey: receptionKeys.all });
    },
  });

  const again = () => {
    setSaved(null);
    form.resetFields();
  };

  return (
    <div className="rcp-page">
      <PageHeader title={rt('visit.title')} subtitle={rt('visit.subtitle')} />
      {saved ? (
        <Card>
          <Result
            status="success"
            title={rt('visit.saved')}
            subTitle={
              saved.createdPetition
                ? rt('visit.createdCase', {
                    number: saved.createdPetition.number,
                    code: saved.createdPetition.queryCode,
                  })
                : undefined
            }
            extra={[
              saved.petitionId && (
                <Link key="case" to={`/petitions/${saved.petitionId}`}>
                  <Button>{rt('visit.openCase')}</Button>
                </Link>
              ),
              <Button key="again" type="primary" onClick={again}>
                {rt('visit.again')}
              </Button>,
            ]}
            data-testid="visit-result"
          />
        </Card>
      ) : (
        <Card>
          <Form
            form={form}
            layout="vertical"
            onFinish={(v) => register.mutate(v)}
            initialValues={{
              unitId: session.unitId,
              on: dayjs(chinaToday()),
              peopleCount: 1,
              caseMode: 'new',
            }}
            className="rcp-form"
            data-testid="visit-form"
          >
            <div className="rcp-row">
              <Form.Item
                name="unitId"
                label={rt('visit.unit')}
                rules={[{ required: true, message: rt('common.required') }]}
              >
                <UnitTreeSelect />
              </Form.Item>
              <Form.Item
                name="on"
                label={rt('visit.on')}
                rules={[{ required: true, message: rt('common.required') }]}
              >
                <DatePicker
                  disabledDate={(d) => d.format('YYYY-MM-DD') > chinaToday()}
                  allowClear={false}
                  inputReadOnly
                />
              </Form.Item>
              <Form.Item
                name="peopleCount"
                label={rt('visit.people')}
                rules={[{ required: true, message: rt('common.required') }]}
              >
                <InputNumber min={1} max={100000} precision={0} data-testid="people-count" />
              </Form.Item>
            </div>
            <RequiredLeaderHint
              unitId={unitId}
              peopleCount={Number(people) || 1}
              petitionId={mode === 'existing' ? petitionId : undefined}
            />
            <div className="rcp-row">
              <Form.Item name="leaderId" label={rt('visit.leader')}>
                <LeaderSelect allowClear />
              </Form.Item>
              <Form.Item name="receivedAt" label={rt('visit.receivedAt')}>
                <TimePicker format="HH:mm" minuteStep={5} inputReadOnly />
              </Form.Item>
            </div>
            <Form.Item name="staffIds" label={rt('visit.staff')}>
              <UserSelect multiple />
            </Form.Item>
            <Form.Item
              name="joint"
              label={rt('visit.joint')}
              valuePropName="checked"
              extra={rt('visit.jointHelp')}
            >
              <Switch />
            </Form.Item>
            {joint && (
              <Form.List name="coUnits" initialValue={[{}]}>
                {(fields, { add, remove }) => (
                  <fieldset className="rcp-fieldset">
                    <legend>{rt('visit.coUnit')}</legend>
                    {fields.map((f) => (
                      <div key={f.key} className="rcp-row">
                        <Form.Item name={[f.name, 'unitId']} label={rt('visit.coUnit')}>
                          <UnitTreeSelect />
                        </Form.Item>
                        <Form.Item name={[f.name, 'staffIds']} label={rt('visit.coStaff')}>
                          <UserSelect multiple />
                        </Form.Item>
                        <Button
                          type="text"
                          className="rcp-remove"
                          aria-label="×"
                          onClick={() => remove(f.name)}
                        >
                          ×
                        </Button>
                      </div>
                    ))}
                    <Button type="link" size="small" onClick={() => add({})}>
                      + {rt('visit.addCoUnit')}
                    </Button>
                  </fieldset>
                )}
              </Form.List>
            )}
            <CaseModeField />
            {mode === 'new' && <NewCaseFields />}
            {mode === 'existing' && <CasePicker />}
            <Form.Item name="note" label={rt('visit.note')}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
            {register.error && (
              <Alert type="error" showIcon title={register.error.message} className="rcp-error" />
            )}
            <Button type="primary" htmlType="submit" loading={register.isPending} size="large">
              {rt('visit.submit')}
            </Button>
          </Form>
        </Card>
      )}
      <ReceptionLog />
    </div>
  );
}
