import { call, newKey } from '../api.ts';
import { h, replace } from '../dom.ts';
import { chineseDate, groupCode, MOBILE, normalisePhone, textProblem } from '../format.ts';
import { busy, type Field, field, notice, pageTitle } from '../ui.ts';

// 预约接访: choose a unit and one of its leaders' reception slots, give name, mobile and what it is
// about, and get an appointment code to show on arrival. A slot taken meanwhile answers 409
// slot_full: the message shows and the slots are read again, the form kept.

/** One upcoming slot as GET /api/public/reception-slots lists it (PublicSlotResponse). */
interface Slot {
  id: string;
  date: string;
  start: string;
  end: string;
  place: string;
  leaderName: string;
  remaining: number;
}
interface Unit {
  id: string;
  name: string;
  parentId: string | null;
}

/** Lengths of AppointmentBody (shared/contracts/receptions.ts). */
const MAX = { name: 60, topic: 500 } as const;
const WEEKDAYS = '日一二三四五六';

/** 2026-12-03 → 2026年12月3日 星期四, with （今天）/（明天） for the next two days in China. */
function slotDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const day = new Date(Date.UTC(y as number, (m as number) - 1, d as number));
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const tomorrow = new Date(Date.now() + 32 * 3600_000).toISOString().slice(0, 10);
  const near = date === today ? '（今天）' : date === tomorrow ? '（明天）' : '';
  return `${chineseDate(date)} 星期${WEEKDAYS[day.getUTCDay()]}${near}`;
}

/** A unit's name, with its township's for villages and offices below one (two 一村 are never confused). */
function unitLabel(unit: Unit, all: Unit[]): string {
  const parent = all.find((p) => p.id === unit.parentId);
  return parent?.parentId && all.some((p) => p.id === parent.parentId)
    ? `${unit.name}（${parent.name}）`
    : unit.name;
}

/** The success screen: the appointment code, large, with when and where and what to bring. */
function bookedScreen(code: string, unitName: string, slot: Slot): HTMLElement {
  return h(
    'section',
    { class: 'page', 'data-testid': 'booked' },
    pageTitle('预约成功'),
    notice('success', `您已预约${unitName}的领导接访。`),
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, '日期'),
      h('dd', {}, slotDay(slot.date)),
      h('dt', {}, '时间'),
      h('dd', {}, `${slot.start}–${slot.end}`),
      h('dt', {}, '地点'),
      h('dd', {}, slot.place),
      h('dt', {}, '接访领导'),
      h('dd', {}, slot.leaderName),
    ),
    h(
      'div',
      { class: 'code-box' },
      h('p', { class: 'code-label', id: 'appointment-code-label' }, '预约码'),
      h(
        'p',
        {
          class: 'code',
          'data-testid': 'appointment-code',
          'data-code': code,
          'aria-labelledby': 'appointment-code-label',
        },
        groupCode(code),
      ),
    ),
    notice(
      'warn',
      h('strong', {}, '请带上身份证，按时到达。'),
      '到场后向工作人员出示预约码。请把预约码抄在纸上或截图保存。不能来的，请尽早打电话告诉接访单位，把名额留给别人。',
    ),
    h('div', { class: 'actions' }, h('a', { href: '#', class: 'button' }, '返回首页')),
  );
}

/** The booking page (约访): unit, slot, name, mobile and topic, then the appointment code. */
export function bookPage(): HTMLElement {
  const page = h('section', { class: 'page' });
  const form = h('form', { novalidate: true, 'aria-label': '预约接访' });
  const status = h('div', { class: 'form-status' });
  let units: Unit[] = [];
  let slots: Slot[] = [];

  const unitSelect = h(
    'select',
    { name: 'unit', required: true },
    h('option', { value: '' }, '正在加载单位…'),
  );
  const unit = field({
    id: 'b-unit',
    label: '在哪个单位预约',
    control: unitSelect,
    hint: '选择您要去的乡镇（街道）或部门。',
  });

  const slotError = h('p', { class: 'field-error', id: 'b-slot-error', hidden: true });
  const slotList = h('div', { class: 'choices slots' }, h('p', { class: 'muted' }, '请先选择单位。'));
  const slotBox = h(
    'fieldset',
    { class: 'field', 'aria-describedby': 'b-slot-error' },
    h('legend', {}, '选择接访时间'),
    h('p', { class: 'field-hint' }, '每个时段名额有限，先约先得；已约满的不能再选。'),
    slotList,
    slotError,
  );
  const setSlotError = (message: string | null) => {
    slotError.textContent = message ?? '';
    slotError.hidden = !message;
  };
  const slotRadios = () => [...slotList.querySelectorAll<HTMLInputElement>('input[name="slot"]')];

  const name = field({
    id: 'b-name',
    label: '姓名',
    control: h('input', { type: 'text', name: 'name', autocomplete: 'name', maxlength: MAX.name }),
  });
  const phone = field({
    id: 'b-phone',
    label: '手机号码',
    control: h('input', {
      type: 'tel',
      name: 'phone',
      autocomplete: 'tel',
      inputmode: 'numeric',
      maxlength: 20,
    }),
    hint: '时间有变动时，接访单位用它通知您。',
  });
  const topic = field({
    id: 'b-topic',
    label: '想当面反映什么事',
    control: h('textarea', { name: 'topic', rows: 4 }),
    hint: `简单写几句，便于领导提前了解情况（${MAX.topic}字以内）。`,
  });
  const submit = h('button', { type: 'submit', class: 'button button-primary button-block' }, '确认预约');
  form.append(unit.wrap, slotBox, name.wrap, phone.wrap, topic.wrap, status, submit);
  const fields: Record<string, Field> = { name, phone, topic };

  /** Reads the unit's upcoming slots and lists them; the chosen one stays chosen while it has places. */
  const loadSlots = async (): Promise<void> => {
    const unitId = unitSelect.value;
    const chosen = slotRadios().find((r) => r.checked)?.value;
    slots = [];
    if (!unitId) return replace(slotList, h('p', { class: 'muted' }, '请先选择单位。'));
    replace(slotList, h('p', { class: 'muted' }, '正在加载接访时间…'));
    const res = await call<{ items: Slot[] }>(
      'GET',
      `/api/public/reception-slots?unitId=${encodeURIComponent(unitId)}`,
    );
    if (unitSelect.value !== unitId) return;
    if (!res.ok) return replace(slotList, notice('error', `${res.message} 请稍后重新选择单位。`));
    slots = res.data.items;
    if (!slots.length)
      return replace(
        slotList,
        notice(
          'info',
          '该单位近期没有安排领导接访。您可以改选其他单位，或先',
          h('a', { href: '#submit' }, '网上反映'),
          '。',
        ),
      );
    replace(
      slotList,
      ...slots.map((s) => {
        const full = s.remaining <= 0;
        const id = `b-slot-${s.id}`;
        return h(
          'label',
          { class: `choice slot${full ? ' slot-full' : ''}`, for: id, 'data-testid': 'slot' },
          h('input', {
            type: 'radio',
            name: 'slot',
            value: s.id,
            id,
            disabled: full,
            checked: !full && s.id === chosen,
          }),
          h(
            'span',
            {},
            h('strong', {}, slotDay(s.date)),
            h('span', { class: 'slot-time' }, `${s.start}–${s.end}`),
            h('small', {}, `地点：${s.place}`),
            h('small', {}, `接访领导：${s.leaderName}`),
            h(
              'span',
              { class: full ? 'slot-left slot-left-none' : 'slot-left' },
              full ? '已约满' : `还剩${s.remaining}个名额`,
            ),
          ),
        );
      }),
    );
  };
  unitSelect.addEventListener('change', () => {
    unit.setError(null);
    setSlotError(null);
    void loadSlots();
  });
  slotList.addEventListener('change', () => setSlotError(null));
  // A field's message goes as soon as it is edited; the summary goes with the last one.
  const edited = (event: Event) => {
    for (const f of Object.values(fields)) if (f.control === event.target) f.setError(null);
    if (![...form.querySelectorAll('.field-error')].some((e) => !(e as HTMLElement).hidden)) replace(status);
  };
  form.addEventListener('input', edited);
  form.addEventListener('change', edited);

  /** The checks of AppointmentBody, next to each field; returns the first field in error. */
  const validate = (): HTMLElement | null => {
    const mobile = normalisePhone(phone.control.value);
    const problems: [Field | 'slot', string | null][] = [
      [unit, unitSelect.value ? null : '请选择单位'],
      ['slot', !unitSelect.value || slotRadios().some((r) => r.checked) ? null : '请选择接访时间'],
      [name, textProblem('姓名', name.control.value, MAX.name)],
      [
        phone,
        mobile === '' ? '请填写手机号码' : MOBILE.test(mobile) ? null : '手机号码应为11位数字，以13至19开头',
      ],
      [topic, textProblem('想反映的事', topic.control.value, MAX.topic)],
    ];
    let first: HTMLElement | null = null;
    for (const [f, message] of problems) {
      if (f === 'slot') setSlotError(message);
      else f.setError(message);
      if (message && !first)
        first = f === 'slot' ? (slotRadios().find((r) => !r.disabled) ?? slotList) : f.control;
    }
    return first;
  };

  let key = newKey();
  let lastBody = '';
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    replace(status);
    const first = validate();
    if (first) {
      first.focus();
      status.append(notice('error', '还有内容需要修改，请看红色提示。'));
      return;
    }
    const slotId = slotRadios().find((r) => r.checked)?.value ?? '';
    const body = {
      slotId,
      name: name.control.value.trim(),
      phone: normalisePhone(phone.control.value),
      topic: topic.control.value.trim(),
    };
    // A resend after a lost answer keeps its key, so the place is taken once.
    const serialised = JSON.stringify(body);
    if (serialised !== lastBody) key = newKey();
    lastBody = serialised;
    const slot = slots.find((s) => s.id === slotId) as Slot;
    const unitName = unitSelect.selectedOptions[0]?.textContent ?? '';
    busy(submit, true, '确认预约', '正在预约…');
    const res = await call<{ code: string }>('POST', '/api/public/appointments', body, key);
    busy(submit, false, '确认预约', '正在预约…');
    if (res.ok) {
      const screen = bookedScreen(res.data.code, unitName, slot);
      page.replaceWith(screen);
      screen.querySelector('h1')?.focus();
      window.scrollTo(0, 0);
      return;
    }
    if (res.code !== 'offline') lastBody = '';
    if (res.code === 'slot_full' || res.status === 404) {
      // Taken (or withdrawn) meanwhile: say so next to the slots and show what is left now.
      await loadSlots();
      const why = res.code === 'slot_full' ? '刚刚约满了' : '已取消';
      setSlotError(`您选的时段${why}，请另选一个时段，再点“确认预约”。您填写的其他内容仍保留。`);
      status.append(notice('error', res.message));
      slotBox.scrollIntoView({ block: 'start' });
      (slotRadios().find((r) => !r.disabled) ?? slotList).focus({ preventScroll: true });
      return;
    }
    const issues = (res.details as { issues?: { field: string; message: string }[] } | undefined)?.issues;
    let focused = false;
    for (const issue of issues ?? []) {
      const f = fields[issue.field.replace(/^body\./, '')];
      if (!f) continue;
      f.setError(issue.message);
      if (!focused) f.control.focus();
      focused = true;
    }
    status.append(notice('error', res.message));
  });

  void call<{ items: Unit[] }>('GET', '/api/public/units').then((res) => {
    if (!res.ok) {
      replace(unitSelect, h('option', { value: '' }, '单位加载失败'));
      unit.setError(`${res.message} 请刷新页面重试。`);
      return;
    }
    units = res.data.items;
    replace(
      unitSelect,
      h('option', { value: '' }, units.length ? '请选择' : '暂无可预约的单位'),
      ...units.map((u) => h('option', { value: u.id }, unitLabel(u, units))),
    );
  });

  page.append(
    pageTitle('预约接访'),
    h(
      'p',
      { class: 'lead' },
      '预约单位领导当面接待。选好时间，填写姓名、手机号码和想反映的事，提交后会得到预约码。',
    ),
    form,
  );
  return page;
}
