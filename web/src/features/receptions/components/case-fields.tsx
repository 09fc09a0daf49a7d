import { useQuery } from '@tanstack/react-query';
import { Button, Form, Input, Radio, Select } from 'antd';
import { useMemo, useState } from 'react';
import { usePetitionLabels } from '../../petitions/components/petition-tags.tsx';
import { CLASSIFICATIONS, petitionKeys, petitionsApi } from '../../petitions/petitions.api.ts';
import { useReceptionsText } from '../receptions.i18n.ts';

/** How a visit relates to a case: none, a new case registered with it, or an existing one. */
export type CaseMode = 'none' | 'new' | 'existing';

/** The choice none / new / existing case of a visit (form field `caseMode`). */
export function CaseModeField() {
  const rt = useReceptionsText();
  return (
    <Form.Item name="caseMode" label={rt('visit.case')} initialValue="new">
      <Radio.Group
        optionType="button"
        options={[
          { value: 'new', label: rt('visit.case.new') },
          { value: 'existing', label: rt('visit.case.existing') },
          { value: 'none', label: rt('visit.case.none') },
        ]}
      />
    </Form.Item>
  );
}

/** A visible case found by number or title (GET /api/v1/petitions?q=), as form field `petitionId`. */
export function CasePicker() {
  const rt = useReceptionsText();
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: ['receptions', 'case-search', q],
    queryFn: () => petitionsApi.list({ q: q || undefined, page: 1, pageSize: 20 }),
  });
  return (
    <Form.Item
      name="petitionId"
      label={rt('visit.case.existing')}
      rules={[{ required: true, message: rt('common.required') }]}
    >
      <Select
        showSearch={{ filterOption: false, onSearch: setQ }}
        placeholder={rt('visit.petitionSearch')}
        loading={found.isFetching}
        options={(found.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.number} ${p.title}` }))}
        data-testid="case-picker"
      />
    </Form.Item>
  );
}

/**
 * The fields of a case registered with a visit (under form path `petition`): classification and
 * category always; title, content, demands and representatives unless they come from an appointment.
 */
export function NewCaseFields({ fromAppointment = false }: { fromAppointment?: boolean }) {
  const rt = useReceptionsText();
  const labels = usePetitionLabels();
  const categories = useQuery({ queryKey: petitionKeys.categories, queryFn: petitionsApi.categories });
  const categoryOptions = useMemo(
    () =>
      (categories.data?.items ?? []).filter((c) => c.active).map((c) => ({ value: c.name, label: c.name })),
    [categories.data],
  );
  const required = [{ required: true, message: rt('common.required') }];
  return (
    <div className="rcp-case-fields">
      <Form.Item name={['petition', 'classification']} label={rt('visit.classification')} rules={required}>
        <Select
          options={CLASSIFICATIONS.map((c) => ({ value: c, label: labels.classification(c) }))}
          data-testid="case-classification"
        />
      </Form.Item>
      <Form.Item name={['petition', 'category']} label={rt('visit.category')} rules={required}>
        <Select
          showSearch
          options={categoryOptions}
          loading={categories.isPending}
          data-testid="case-category"
        />
      </Form.Item>
      {!fromAppointment && (
        <>
          <Form.Item name={['petition', 'title']} label={rt('visit.titleField')} rules={required}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name={['petition', 'content']} label={rt('visit.content')} rules={required}>
            <Input.TextArea rows={3} maxLength={20000} />
          </Form.Item>
          <Form.Item name={['petition', 'demands']} label={rt('visit.demands')}>
            <Input.TextArea rows={2} maxLength={5000} />
          </Form.Item>
          <Form.List name={['petition', 'petitioners']} initialValue={[{}]}>
            {(fields, { add, remove }) => (
              <fieldset className="rcp-fieldset">
                <legend>{rt('visit.petitioner')}</legend>
                {fields.map((f) => (
                  <div key={f.key} className="rcp-row">
                    <Form.Item name={[f.name, 'name']} label={rt('visit.petitionerName')} rules={required}>
                      <Input maxLength={60} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'phone']} label={rt('visit.petitionerPhone')}>
                      <Input maxLength={24} inputMode="tel" />
                    </Form.Item>
                    <Form.Item name={[f.name, 'idNumber']} label={rt('visit.petitionerId')}>
                      <Input maxLength={18} />
                    </Form.Item>
                    {fields.length > 1 && (
                      <Button
                        type="text"
                        className="rcp-remove"
                        aria-label="×"
                        onClick={() => remove(f.name)}
                      >
                        ×
                      </Button>
                    )}
                  </div>
                ))}
                {fields.length < 5 && (
                  <Button type="link" size="small" onClick={() => add({})}>
                    + {rt('visit.addPetitioner')}
                  </Button>
                )}
              </fieldset>
            )}
          </Form.List>
        </>
      )}
    </div>
  );
}

/** A new case's form values → the body part (empty optional strings dropped). */
export function petitionFromForm(p: Record<string, unknown> | undefined) {
  if (!p) return undefined;
  const clean = (o: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null && v !== ''));
  const petitioners = Array.isArray(p.petitioners)
    ? (p.petitioners as Record<string, unknown>[]).map(clean).filter((x) => x.name)
    : undefined;
  return { ...clean(p), ...(petitioners ? { petitioners } : {}) };
}
