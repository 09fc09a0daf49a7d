import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Space, Tag } from 'antd';
import { type ReactNode, useState } from 'react';
import { useIdempotencyKey } from '../../../lib/use-idempotency-key.ts';
import { petitionKeys } from '../../petitions/petitions.api.ts';
import { type Ownership, ownershipApi, ownershipKeys } from '../ownership.api.ts';
import { useOwnershipText } from '../ownership.i18n.ts';
import { LeaderDialog, OutcomeDialog, PlanDialog, ProgressDialog } from './ownership-dialogs.tsx';
import '../ownership.css';

type Dialog = 'plan' | 'progress' | 'outcome' | 'assign' | 'handover' | null;

function Section({ title, children }: { title: ReactNode; children: ReactNode }) {
  return (
    <section className="own-section">
      <h4>{title}</h4>
      {children}
    </section>
  );
}

/** The owned case's plan, progress, outcome and handovers as read-only sections. */
function OwnershipBody({ o }: { o: Ownership }) {
  const ot = useOwnershipText();
  return (
    <>
      <div className="own-facts">
        <span>
          {ot('panel.leader')}：<strong data-testid="owning-leader">{o.leader?.name}</strong>（
          {o.leader?.unitName}）
        </span>
        <span>
          {ot('panel.takenOn')}：{o.takenOn}
        </span>
        <span>
          {ot('panel.nextContact')}：{o.plan.nextContactOn ?? '—'}
        </span>
      </div>
      {o.staleReasons.length > 0 && <div className="own-stale-reason">{o.staleReasons.join('；')}</div>}
      <Section title={ot('panel.demand')}>
        <p className="pet-pre">{o.plan.demand || <span className="muted">{ot('panel.noPlan')}</span>}</p>
      </Section>
      <Section title={ot('panel.policyBasis')}>
        <p className="pet-pre">{o.plan.policyBasis || <span className="muted">{ot('panel.noPlan')}</span>}</p>
      </Section>
      <Section title={ot('panel.measures')}>
        {o.plan.measures.length === 0 ? (
          <span className="muted">{ot('panel.noMeasures')}</span>
        ) : (
          o.plan.measures.map((m) => (
            <div key={m.id} className="own-measure" data-testid="measure">
              <Tag color={m.done ? 'green' : m.overdue ? 'red' : 'orange'}>
                {m.done ? ot('panel.done') : m.overdue ? ot('panel.overdue') : ot('panel.undone')}
              </Tag>
              <span>{m.text}</span>
              <span className="muted">
                {m.assigneeName} · {ot('panel.dueOn')} {m.dueOn}
                {m.doneOn ? ` · ${m.doneOn}` : ''}
              </span>
            </div>
          ))
        )}
      </Section>
      <Section title={ot('panel.progress')}>
        {o.progress.length === 0 ? (
          <span className="muted">{ot('panel.noProgress')}</span>
        ) : (
          o.progress.map((e) => (
            <div key={e.id} className="own-progress-item" data-testid="progress">
              <strong>{e.on}</strong> <span className="muted">{e.authorName}</span>
              <div className="pet-pre">{e.text}</div>
            </div>
          ))
        )}
      </Section>
      {o.outcome && (
        <Section title={ot('panel.outcome')}>
          <Space wrap size={6}>
            <Tag color="green">{o.outcome.typeLabel}</Tag>
            {o.outcome.assistanceKindLabel && <Tag>{o.outcome.assistanceKindLabel}</Tag>}
            {o.outcome.amount && (
              <span>
                {ot('panel.amount')}：{o.outcome.amount}
              </span>
            )}
            <span className="muted">
              {o.outcome.on} · {o.outcome.byName}
            </span>
          </Space>
          <p className="pet-pre">{o.outcome.note}</p>
        </Section>
      )}
      {o.handovers.length > 0 && (
        <Section title={ot('panel.handovers')}>
          {o.handovers.map((h) => (
            <div key={h.at} className="muted">
              {ot('panel.handoverLine', {
                at: h.at.slice(0, 10),
                from: h.fromName,
                to: h.toName,
                by: h.byName,
                reason: h.reason,
              })}
            </div>
          ))}
        </Section>
      )}
    </>
  );
}

/** 领导包案 on the case page: take or assign ownership, edit the plan, add progress, record the outcome, hand over. */
export function OwnershipPanel({ petitionId }: { petitionId: string }) {
  const ot = useOwnershipText();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [key, renew] = useIdempotencyKey();
  const query = useQuery({
    queryKey: ownershipKeys.one(petitionId),
    queryFn: () => ownershipApi.get(petitionId),
  });
  const changed = (o?: Ownership) => {
    if (o) queryClient.setQueryData(ownershipKeys.one(petitionId), o);
    else void queryClient.invalidateQueries({ queryKey: ownershipKeys.one(petitionId) });
    void queryClient.invalidateQueries({ queryKey: petitionKeys.one(petitionId) });
    void queryClient.invalidateQueries({ queryKey: ['ownership', 'board'] });
  };
  const take = useMutation({
    mutationFn: () => ownershipApi.take(petitionId, undefined, key),
    onSuccess: (o) => {
      message.success(ot('take.saved'));
      renew();
      changed(o);
    },
  });
  const o = query.data;
  if (!o) return <Card title={ot('panel.title')} className="pet-card-block" loading={query.isPending} />;
  const a = o.abilities;
  const actions = [
    a.take && (
      <Button key="take" type="primary" loading={take.isPending} onClick={() => take.mutate()}>
        {ot('panel.take')}
      </Button>
    ),
    a.assign && (
      <Button key="assign" onClick={() => setDialog('assign')}>
        {ot('panel.assign')}
      </Button>
    ),
    a.editPlan && (
      <Button key="plan" type="primary" onClick={() => setDialog('plan')}>
        {ot('panel.editPlan')}
      </Button>
    ),
    a.addProgress && (
      <Button key="progress" onClick={() => setDialog('progress')}>
        {ot('panel.addProgress')}
      </Button>
    ),
    a.recordOutcome && (
      <Button key="outcome" onClick={() => setDialog('outcome')}>
        {ot('panel.recordOutcome')}
      </Button>
    ),
    a.handover && (
      <Button key="handover" onClick={() => setDialog('handover')}>
        {ot('panel.handover')}
      </Button>
    ),
  ].filter(Boolean);
  const props = { ownership: o, onClose: () => setDialog(null), onChanged: changed };
  return (
    <Card
      title={ot('panel.title')}
      className="pet-card-block own-panel"
      data-testid="ownership"
      extra={
        o.owned && (
          <Space size={4}>
            {o.stale && <Tag color="red">{ot('panel.stale')}</Tag>}
            <Tag color={o.open ? 'blue' : 'green'}>{o.open ? ot('panel.taken') : ot('panel.closed')}</Tag>
          </Space>
        )
      }
    >
      {o.owned ? (
        <OwnershipBody o={o} />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={ot('panel.none')} />
      )}
      {actions.length > 0 && <div className="own-actions">{actions}</div>}
      <PlanDialog {...props} open={dialog === 'plan'} />
      <ProgressDialog {...props} open={dialog === 'progress'} />
      <OutcomeDialog {...props} open={dialog === 'outcome'} />
      <LeaderDialog {...props} open={dialog === 'assign'} mode="assign" />
      <LeaderDialog {...props} open={dialog === 'handover'} mode="handover" />
    </Card>
  );
}
