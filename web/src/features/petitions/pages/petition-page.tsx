import {
  ArrowLeftOutlined,
  CopyOutlined,
  FileWordOutlined,
  PrinterOutlined,
  StopOutlined,
} from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Empty, List, Result, Space, Spin, Tag } from 'antd';
import { type ReactNode, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useI18n } from '../../../i18n/i18n.tsx';
import { ApiError } from '../../../lib/http.ts';
import { OwnershipPanel } from '../../ownership/components/ownership-panel.tsx';
import { FieldVisitsCard } from '../../receptions/components/field-visits-card.tsx';
import { ActionDialog, InterestDialog } from '../components/action-dialog.tsx';
import { useActionLabel } from '../components/action-labels.ts';
import { DeadlineList } from '../components/deadline-list.tsx';
import { StatusTag, usePetitionLabels } from '../components/petition-tags.tsx';
import { PetitionersCard } from '../components/petitioners-card.tsx';
import { TimelineCard } from '../components/timeline-card.tsx';
import { type ActionName, allowedActions } from '../petition-view.ts';
import { documentUrl, type Petition, petitionKeys, petitionsApi, receiptUrl } from '../petitions.api.ts';
import '../petitions.css';

/** Actions that end or send away a case are set apart from the ones that move it forward. */
const SECONDARY: readonly ActionName[] = [
  'transfer',
  'redirect',
  'object',
  'decide_objection',
  'reject',
  'finalize',
];

function Block({ title, children }: { title: ReactNode; children: ReactNode }) {
  return (
    <section className="pet-block">
      <h4>{title}</h4>
      <div className="pet-block-body">{children}</div>
    </section>
  );
}

/** The handling record: opinion and instruction, the answer, review and re-review, or why it left. */
function HandlingCard({ p }: { p: Petition }) {
  const { t } = useI18n();
  const blocks: ReactNode[] = [];
  if (p.accused)
    blocks.push(
      <Block key="accused" title={t('pet.case.accused')}>
        {[p.accused.unitName, p.accused.name].filter(Boolean).join(' · ') || '—'}
      </Block>,
    );
  if (p.sender)
    blocks.push(
      <Block key="sender" title={t('pet.case.sender')}>
        {p.sender.unitName}
      </Block>,
    );
  if (p.redirect)
    blocks.push(
      <Block key="redirect" title={`${t('pet.case.redirect')} · ${p.redirect.routeLabel}`}>
        <p className="pet-pre">{p.redirect.note}</p>
        <div className="muted">{p.redirect.on}</div>
      </Block>,
    );
  if (p.rejection)
    blocks.push(
      <Block key="rejection" title={t('pet.case.rejection')}>
        <p className="pet-pre">{p.rejection.reason}</p>
        <div className="muted">{p.rejection.on}</div>
      </Block>,
    );
  if (p.handlerName || p.handlingUnitName)
    blocks.push(
      <Block key="handler" title={t('pet.handler')}>
        {p.handlerName ?? '—'}
        {p.handlingUnitName ? `（${p.handlingUnitName}）` : ''}
        {p.coHandlers.some((c) => c.role === 'assist') && (
          <div className="muted">
            {t('pet.case.coHandlers')}：
            {p.coHandlers
              .filter((c) => c.role === 'assist')
              .map((c) => c.name)
              .join('、')}
          </div>
        )}
        {p.extendedDays ? (
          <div className="muted">{t('pet.case.extended', { days: p.extendedDays })}</div>
        ) : null}
      </Block>,
    );
  if (p.opinion)
    blocks.push(
      <Block key="opinion" title={t('pet.case.opinion')}>
        <p className="pet-pre">{p.opinion}</p>
      </Block>,
    );
  if (p.instruction)
    blocks.push(
      <Block key="instruction" title={t('pet.case.instruction')}>
        <p className="pet-pre">{p.instruction}</p>
      </Block>,
    );
  if (p.answer)
    blocks.push(
      <Block
        key="answer"
        title={
          <Space wrap>
            {t('pet.case.answer')}
            <Tag color={p.answer.decision === 'not_support' ? 'default' : 'green'}>
              {p.answer.decisionLabel}
            </Tag>
            <span className="muted">{p.answer.on}</span>
          </Space>
        }
      >
        <p className="pet-pre">{p.answer.text}</p>
        {p.answer.facts && (
          <p className="pet-pre">
            <span className="muted">{t('pet.case.facts')}：</span>
            {p.answer.facts}
          </p>
        )}
        {p.answer.reasons && (
          <p className="pet-pre">
            <span className="muted">{t('pet.case.reasons')}：</span>
            {p.answer.reasons}
          </p>
        )}
        {p.answer.legalBasis && (
          <p className="pet-pre">
            <span className="muted">{t('pet.case.legalBasis')}：</span>
            {p.answer.legalBasis}
          </p>
        )}
        <Alert type="info" showIcon title={p.answer.reviewNotice} className="pet-review-notice" />
      </Block>,
    );
  for (const [key, r] of [
    ['review', p.review],
    ['rereview', p.rereview],
  ] as const) {
    if (!r) continue;
    blocks.push(
      <Block
        key={key}
        title={`${t(key === 'review' ? 'pet.case.review' : 'pet.case.rereview')} · ${r.unitName}`}
      >
        <div>{t('pet.case.requestedOn', { on: r.requestedOn, reason: r.reason })}</div>
        {r.decision && r.on && (
          <>
            <div>
              {t('pet.case.decidedOn', { on: r.on, decision: t(`pet.action.reviewDecision.${r.decision}`) })}
            </div>
            {r.text && <p className="pet-pre">{r.text}</p>}
          </>
        )}
      </Block>,
    );
  }
  if (p.interests.length > 0)
    blocks.push(
      <Block key="interests" title={t('pet.case.interests')}>
        {p.interests.map((i) => i.name).join('、')}
      </Block>,
    );
  if (blocks.length === 0) return null;
  return (
    <Card title={t('pet.case.handling')} className="pet-card-block" data-testid="handling">
      {blocks}
    </Card>
  );
}

/** The case page: header, deadlines with their rules, petitioners, matter, handling, timeline, documents and actions. */
export function PetitionPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { message } = App.useApp();
  const labels = usePetitionLabels();
  const actionLabel = useActionLabel();
  const navigate = useNavigate();
  const [action, setAction] = useState<ActionName | null>(null);
  const [declaring, setDeclaring] = useState(false);
  const petition = useQuery({
    queryKey: petitionKeys.one(id),
    queryFn: () => petitionsApi.get(id),
    meta: { silent: true },
  });

  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/petitions')}>
      {t('pet.case.back')}
    </Button>
  );
  if (petition.isPending) return <Spin size="large" className="pet-page-spin" />;
  if (petition.isError) {
    const e = petition.error;
    return (
      <Result
        status={e instanceof ApiError && e.status === 404 ? '404' : 'error'}
        title={e instanceof ApiError && e.status === 404 ? '404' : t('app.loadFailed')}
        subTitle={e.message}
        extra={back}
      />
    );
  }
  const p = petition.data;
  const actions = allowedActions(p.abilities);
  const primary = actions.filter((a) => !SECONDARY.includes(a));
  const secondary = actions.filter((a) => SECONDARY.includes(a));

  const copyCode = async () => {
    if (!p.queryCode) return;
    try {
      await navigator.clipboard.writeText(p.queryCode);
      message.success(t('pet.case.copied'));
    } catch {
      // Not a secure context: the code stays visible.
    }
  };

  const actionsCard = (
    <Card title={t('pet.case.actions')} className="pet-card-block pet-actions" data-testid="actions">
      {actions.length === 0 && <p className="muted">{t('pet.case.noActions')}</p>}
      {primary.length > 0 && (
        <div className="pet-action-buttons">
          {primary.map((a, i) => (
            <Button key={a} type={i === 0 ? 'primary' : 'default'} onClick={() => setAction(a)}>
              {actionLabel(a)}
            </Button>
          ))}
        </div>
      )}
      {secondary.length > 0 && (
        <div className="pet-action-buttons pet-action-secondary">
          {secondary.map((a) => (
            <Button key={a} danger={a === 'reject'} onClick={() => setAction(a)}>
              {actionLabel(a)}
            </Button>
          ))}
        </div>
      )}
      {p.abilities.declareInterest && (
        <Button
          type="link"
          size="small"
          icon={<StopOutlined />}
          className="pet-interest"
          onClick={() => setDeclaring(true)}
        >
          {t('pet.action.declareInterest')}
        </Button>
      )}
    </Card>
  );

  return (
    <div className="pet-case" data-testid="petition">
      <div className="pet-case-top">{back}</div>
      <div className="pet-case-header">
        <div className="pet-case-title">
          <div className="pet-case-number">
            <span className="pet-number">{p.number}</span>
            <StatusTag status={p.status} />
            {p.simpleTrack && <Tag color="cyan">{t('pet.case.simpleTrack')}</Tag>}
          </div>
          <h1>{p.title}</h1>
        </div>
        {p.queryCode && (
          <div className="pet-case-extra">
            <Button icon={<PrinterOutlined />} href={receiptUrl(p.id)} target="_blank" rel="noopener">
              {t('pet.reg.printReceipt')}
            </Button>
          </div>
        )}
      </div>
      {p.linkedInto && (
        <Alert
          type="info"
          showIcon
          className="pet-linked-into"
          title={
            <>
              <Link to={`/petitions/${p.linkedInto.id}`}>
                {t('pet.case.linkedInto', {
                  number: p.linkedInto.number,
                  unit: p.linkedInto.unitName,
                  status: p.linkedInto.statusLabel,
                })}
              </Link>
              {p.linkedInto.nextDue ? t('pet.case.linkedIntoDue', { due: p.linkedInto.nextDue.due }) : ''}
            </>
          }
        />
      )}
      {p.mergedInto && (
        <Alert
          type="info"
          showIcon
          className="pet-linked-into"
          data-testid="merged-into"
          title={
            <Link to={`/petitions/${p.mergedInto.id}`}>
              {t('pet.case.mergedInto', {
                number: p.mergedInto.number,
                unit: p.mergedInto.unitName,
                status: p.mergedInto.statusLabel,
              })}
            </Link>
          }
        />
      )}
      {p.mergedFrom.length > 0 && (
        <Alert
          type="info"
          className="pet-linked-into"
          data-testid="merged-from"
          title={t('pet.case.mergedFrom')}
          description={p.mergedFrom.map((m) => (
            <div key={m.id}>
              <Link to={`/petitions/${m.id}`}>
                {t('pet.case.mergedFromItem', {
                  number: m.number,
                  on: m.receivedOn,
                  people: m.petitioners.map((x) => x.name).join('、'),
                })}
              </Link>
            </div>
          ))}
        />
      )}
      <Descriptions
        className="pet-basics"
        size="small"
        bordered
        column={{ xs: 1, sm: 2, lg: 4 }}
        items={[
          { key: 'unit', label: t('pet.unit'), children: p.unitName },
          { key: 'channel', label: t('pet.channel'), children: labels.channel(p.channel) },
          {
            key: 'classification',
            label: t('pet.classification'),
            children: labels.classification(p.classification),
          },
          { key: 'received', label: t('pet.receivedOn'), children: p.receivedOn },
          { key: 'category', label: t('pet.category'), children: p.category },
          { key: 'people', label: t('pet.peopleCount'), children: p.peopleCount },
          ...(p.queryCode
            ? [
                {
                  key: 'code',
                  label: t('pet.queryCode'),
                  children: (
                    <Space size={4}>
                      <span className="pet-mono" data-testid="case-query-code">
                        {p.queryCode}
                      </span>
                      <Button
                        type="text"
                        size="small"
                        icon={<CopyOutlined />}
                        aria-label={t('common.copy')}
                        onClick={() => void copyCode()}
                      />
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {p.calendarWarnings.map((w) => (
        <Alert key={w} type="warning" showIcon title={w} className="pet-calendar-alert" />
      ))}
      <div className="pet-case-grid">
        <div className="pet-case-side">
          {actionsCard}
          <Card title={t('pet.case.deadlines')} className="pet-card-block">
            <DeadlineList deadlines={p.deadlines} />
          </Card>
          <Card title={t('pet.case.documents')} className="pet-card-block" data-testid="documents">
            {p.documents.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('pet.case.noDocuments')} />
            ) : (
              <List
                size="small"
                dataSource={p.documents}
                renderItem={(d) => (
                  <List.Item
                    actions={
                      p.abilities.downloadDocuments
                        ? [
                            <a key="dl" href={documentUrl(p.id, d.id)} download>
                              {t('pet.case.download')}
                            </a>,
                          ]
                        : []
                    }
                  >
                    <List.Item.Meta
                      avatar={<FileWordOutlined className="pet-doc-icon" />}
                      title={d.title}
                      description={
                        <span className="pet-doc-meta">
                          <span>{d.number}</span>
                          <span>{d.issuedOn}</span>
                        </span>
                      }
                    />
                  </List.Item>
                )}
              />
            )}
          </Card>
        </div>
        <div className="pet-case-main">
          <Card title={t('pet.case.matter')} className="pet-card-block">
            <Block title={t('pet.content')}>
              <p className="pet-pre">{p.content}</p>
            </Block>
            {p.demands && (
              <Block title={t('pet.demands')}>
                <p className="pet-pre">{p.demands}</p>
              </Block>
            )}
          </Card>
          <PetitionersCard petition={p} />
          <HandlingCard p={p} />
          <OwnershipPanel petitionId={p.id} />
          <FieldVisitsCard petitionId={p.id} canRecord={p.abilities.attach} />
          <TimelineCard petition={p} />
        </div>
      </div>
      <ActionDialog petition={p} action={action} onClose={() => setAction(null)} />
      <InterestDialog petition={p} open={declaring} onClose={() => setDeclaring(false)} />
    </div>
  );
}
