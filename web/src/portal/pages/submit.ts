import type { PortalChallenge } from '../../../../shared/contracts/portal.ts';
import { call, newKey, retryAdvice } from '../api.ts';
import { h, replace } from '../dom.ts';
import {
  charCount,
  chineseDate,
  groupCode,
  isValidIdNumber,
  LIMITS,
  MOBILE,
  normalisePhone,
  textProblem,
} from '../format.ts';
import { busy, type Field, field, notice, pageTitle } from '../ui.ts';
import { attachmentsField } from './attachments.ts';
import { privacyNotice } from './privacy.ts';

// 我要反映: the submission form with checks next to each field, the arithmetic question when the
// server asks for one, and the result screen with the case number and the query code.

interface Unit {
  id: string;
  name: string;
  parentId: string | null;
}
interface Submitted {
  number: string;
  queryCode: string;
  unitName: string;
  receivedOn: string;
  acceptanceDue: string | null;
  attachments: number;
  smsSentTo: string | null;
}

const KINDS = [
  { value: 'suggestion', title: '提建议', text: '对政府和部门的工作提出意见、建议' },
  {
    value: 'accusation',
    title: '检举控告',
    text: '检举、控告工作人员违法违纪或失职行为；被检举控告的人看不到您的信息',
  },
  { value: 'appeal', title: '反映诉求、申诉', text: '反映自己遇到的困难和要求，或对处理结果不服' },
] as const;

/** Units in tree order, each with its depth (children follow their parent). */
function treeOrder(units: Unit[]): { unit: Unit; depth: number }[] {
  const ids = new Set(units.map((u) => u.id));
  const children = new Map<string | null, Unit[]>();
  for (const u of units) {
    const parent = u.parentId && ids.has(u.parentId) ? u.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), u]);
  }
  const out: { unit: Unit; depth: number }[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const u of children.get(parent) ?? []) {
      out.push({ unit: u, depth });
      walk(u.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** Copies text to the clipboard (also on plain http, where navigator.clipboard is missing). */
async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = h('textarea', { readonly: true, class: 'offscreen' });
    area.value = text;
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}

/** The result screen: the case number and the query code, large, with copy and track buttons. */
function resultScreen(out: Submitted, track: (code: string) => void): HTMLElement {
  const copied = h('p', { class: 'copy-status', role: 'status' });
  const copy = h('button', { type: 'button', class: 'button' }, '复制查询码');
  copy.addEventListener('click', async () => {
    copied.textContent = (await copyText(out.queryCode)) ? '已复制查询码' : '复制失败，请手动抄写查询码';
  });
  const go = h('button', { type: 'button', class: 'button button-primary' }, '查询办理进度');
  go.addEventListener('click', () => track(out.queryCode));
  return h(
    'section',
    { class: 'page', 'data-testid': 'submitted' },
    pageTitle('提交成功'),
    notice('success', `您反映的事项已送到${out.unitName}。`),
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, '事项编号'),
      h('dd', { class: 'number', 'data-testid': 'case-number' }, out.number),
      h('dt', {}, '收到日期'),
      h('dd', {}, chineseDate(out.receivedOn)),
      out.acceptanceDue ? h('dt', {}, '告知受理期限') : null,
      out.acceptanceDue ? h('dd', {}, chineseDate(out.acceptanceDue)) : null,
      out.attachments ? h('dt', {}, '附件') : null,
      out.attachments ? h('dd', {}, `${out.attachments}个，已随事项提交`) : null,
    ),
    h(
      'div',
      { class: 'code-box' },
      h('p', { class: 'code-label', id: 'code-label' }, '查询码'),
      h(
        'p',
        {
          class: 'code',
          'data-testid': 'query-code',
          'data-code': out.queryCode,
          'aria-labelledby': 'code-label',
        },
        groupCode(out.queryCode),
      ),
      copy,
      copied,
    ),
    out.smsSentTo
      ? notice('info', h('span', { 'data-testid': 'sms-sent' }, `查询码已通过短信发送至 ${out.smsSentTo}`))
      : null,
    notice(
      'warn',
      h('strong', {}, '请马上把查询码抄在纸上或截图保存。'),
      '凭查询码可以查看办理进度和答复、作出评价、请求复查。查询码就像密码，请不要告诉别人。',
    ),
    h('div', { class: 'actions' }, go, h('a', { href: '#', class: 'button' }, '返回首页')),
  );
}

/** The submission page; `track` opens the tracking page with a code. */
export function submitPage(track: (code: string) => void): HTMLElement {
  const page = h('section', { class: 'page' });
  const form = h('form', { novalidate: true, 'aria-label': '我要反映' });
  const status = h('div', { class: 'form-status' });

  const unitSelect = h(
    'select',
    { name: 'unit', required: true },
    h('option', { value: '' }, '正在加载单位…'),
  );
  const unit = field({
    id: 'f-unit',
    label: '向哪个单位反映',
    control: unitSelect,
    hint: '选择问题所在地的乡镇（街道）或主管部门。',
  });

  const kindError = h('p', { class: 'field-error', id: 'f-kind-error', hidden: true });
  const kindRadios = KINDS.map((k) =>
    h('input', { type: 'radio', name: 'kind', value: k.value, id: `f-kind-${k.value}` }),
  );
  const kind = h(
    'fieldset',
    { class: 'field', 'aria-describedby': 'f-kind-error' },
    h('legend', {}, '您要'),
    h(
      'div',
      { class: 'choices' },
      ...KINDS.map((k, i) =>
        h(
          'label',
          { class: 'choice', for: `f-kind-${k.value}` },
          kindRadios[i] as HTMLInputElement,
          h('span', {}, h('strong', {}, k.title), h('small', {}, k.text)),
        ),
      ),
    ),
    kindError,
  );

  const title = field({
    id: 'f-title',
    label: '标题',
    control: h('input', { type: 'text', name: 'title', maxlength: LIMITS.title, autocomplete: 'off' }),
    hint: '用一句话说明是什么事，例如“村道排水沟堵塞，雨天积水进屋”。',
  });
  const counter = h('p', { class: 'counter', id: 'f-content-count' }, `0 / ${LIMITS.content} 字`);
  const contentArea = h('textarea', { name: 'content', rows: 7 });
  const content = field({
    id: 'f-content',
    label: '具体情况',
    control: contentArea,
    hint: '什么时间、什么地点、发生了什么事，找过谁、结果怎样。',
    extra: counter,
  });
  contentArea.setAttribute('aria-describedby', 'f-content-hint f-content-count f-content-error');
  contentArea.addEventListener('input', () => {
    const n = charCount(contentArea.value);
    counter.textContent = `${n} / ${LIMITS.content} 字`;
    counter.classList.toggle('over', n > LIMITS.content);
  });
  const demands = field({
    id: 'f-demands',
    label: '您的要求',
    optional: true,
    control: h('textarea', { name: 'demands', rows: 3 }),
    hint: '希望怎样解决。',
  });
  const name = field({
    id: 'f-name',
    label: '姓名',
    control: h('input', { type: 'text', name: 'name', autocomplete: 'name', maxlength: LIMITS.name }),
  });
  const phone = field({
    id: 'f-phone',
    label: '手机号码',
    control: h('input', {
      type: 'tel',
      name: 'phone',
      autocomplete: 'tel',
      inputmode: 'numeric',
      maxlength: 20,
    }),
    hint: '办理单位用它联系您。',
  });
  const idNumber = field({
    id: 'f-id',
    label: '身份证号码',
    optional: true,
    control: h('input', { type: 'text', name: 'idNumber', autocomplete: 'off', maxlength: 18 }),
    hint: '可以不填。填写后便于核实身份、避免重复登记；加密保存，工作人员只看到部分号码。',
  });

  const files = attachmentsField();

  const agree = h('input', { type: 'checkbox', id: 'f-agree', name: 'agree' });
  const agreeError = h('p', { class: 'field-error', id: 'f-agree-error', hidden: true });
  agree.setAttribute('aria-describedby', 'f-agree-error');
  const privacy = h(
    'section',
    { class: 'field privacy-box', 'aria-labelledby': 'privacy-title' },
    h('h2', { id: 'privacy-title' }, '个人信息说明'),
    privacyNotice(),
    h('label', { class: 'check', for: 'f-agree' }, agree, h('span', {}, '我已阅读并同意上述个人信息说明')),
    agreeError,
  );

  const challengeBox = h('div', { class: 'challenge', hidden: true });
  const challengeInput = h('input', {
    type: 'text',
    inputmode: 'numeric',
    autocomplete: 'off',
    maxlength: 4,
  });
  const question = h('span', { class: 'question', 'data-testid': 'challenge-question' });
  const challenge = field({
    id: 'f-challenge',
    label: '验证问题（请填写数字答案）',
    control: challengeInput,
    hint: question,
  });
  let challengeId: string | null = null;

  const submit = h('button', { type: 'submit', class: 'button button-primary button-block' }, '提交');
  form.append(
    unit.wrap,
    kind,
    title.wrap,
    content.wrap,
    demands.wrap,
    files.wrap,
    name.wrap,
    phone.wrap,
    idNumber.wrap,
    privacy,
    challengeBox,
    status,
    submit,
  );

  const fields: Record<string, Field> = {
    unitId: unit,
    title,
    content,
    demands,
    'petitioner.name': name,
    'petitioner.phone': phone,
    'petitioner.idNumber': idNumber,
    challengeAnswer: challenge,
  };
  const setKindError = (message: string | null) => {
    kindError.textContent = message ?? '';
    kindError.hidden = !message;
  };
  const setAgreeError = (message: string | null) => {
    agreeError.textContent = message ?? '';
    agreeError.hidden = !message;
  };

  const showChallenge = (c: PortalChallenge, message: string) => {
    challengeId = c.id;
    challengeInput.value = '';
    question.textContent = c.question;
    replace(challengeBox, notice('warn', message), challenge.wrap);
    challenge.setError(null);
    challengeBox.hidden = false;
    challengeInput.focus();
  };

  /** Client-side checks with the server's rules; returns the first field in error. */
  const validate = (): HTMLElement | null => {
    const problems: [Field | 'kind' | 'agree', string | null][] = [
      [unit, unitSelect.value ? null : '请选择受理单位'],
      ['kind', kindRadios.some((r) => r.checked) ? null : '请选择您要反映的类型'],
      [title, textProblem('标题', title.control.value, LIMITS.title)],
      [content, textProblem('具体情况', content.control.value, LIMITS.content)],
      [demands, textProblem('您的要求', demands.control.value, LIMITS.demands, false)],
      [name, textProblem('姓名', name.control.value, LIMITS.name)],
      [
        phone,
        normalisePhone(phone.control.value) === ''
          ? '请填写手机号码'
          : MOBILE.test(normalisePhone(phone.control.value))
            ? null
            : '手机号码应为11位数字，以13至19开头',
      ],
      [
        idNumber,
        idNumber.control.value.trim() === '' || isValidIdNumber(idNumber.control.value.trim())
          ? null
          : '身份证号码不正确：应为18位（最后一位可为X），请核对，或不填',
      ],
      ['agree', agree.checked ? null : '请阅读个人信息说明并勾选同意'],
    ];
    if (!challengeBox.hidden)
      problems.push([challenge, challengeInput.value.trim() ? null : '请回答验证问题']);
    let first: HTMLElement | null = null;
    for (const [f, message] of problems) {
      if (f === 'kind') setKindError(message);
      else if (f === 'agree') setAgreeError(message);
      else f.setError(message);
      if (message && !first)
        first = f === 'kind' ? (kindRadios[0] as HTMLElement) : f === 'agree' ? agree : f.control;
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
    if (files.pending()) {
      status.append(notice('error', '附件还在上传，请等“已上传”出现后再提交。'));
      return;
    }
    const body = {
      unitId: unitSelect.value,
      classification: kindRadios.find((r) => r.checked)?.value,
      title: title.control.value.trim(),
      content: content.control.value.trim(),
      demands: demands.control.value.trim(),
      petitioner: {
        name: name.control.value.trim(),
        phone: normalisePhone(phone.control.value),
        ...(idNumber.control.value.trim() ? { idNumber: idNumber.control.value.trim().toUpperCase() } : {}),
      },
      ...(files.tokens().length ? { attachments: files.tokens() } : {}),
      ...(challengeId && !challengeBox.hidden
        ? { challengeId, challengeAnswer: challengeInput.value.trim() }
        : {}),
    };
    // A resend of the same content after a lost answer keeps its key, so it is registered once.
    const serialised = JSON.stringify(body);
    if (serialised !== lastBody) key = newKey();
    lastBody = serialised;
    busy(submit, true, '提交', '正在提交…');
    const res = await call<Submitted>('POST', '/api/public/petitions', body, key);
    busy(submit, false, '提交', '正在提交…');
    if (res.ok) {
      const screen = resultScreen(res.data, track);
      page.replaceWith(screen);
      screen.querySelector('h1')?.focus();
      window.scrollTo(0, 0);
      return;
    }
    if (res.code !== 'offline') lastBody = '';
    const details = res.details as {
      challenge?: PortalChallenge;
      issues?: { field: string; message: string }[];
    };
    if (res.status === 428 && details?.challenge) {
      showChallenge(details.challenge, res.message);
      return;
    }
    if (res.status === 429) {
      status.append(
        notice('error', `${res.message}${retryAdvice(res.retryAfterSeconds)}您填写的内容仍保留在页面上。`),
      );
      return;
    }
    if (res.code === 'attachment_expired') {
      files.expire((details as { index?: number })?.index ?? 0, res.message);
      files.control.focus();
      status.append(notice('error', '有附件需要重新上传，请看附件处的提示。'));
      return;
    }
    if (res.code === 'online_not_accepted' || (res.status === 404 && !details?.issues)) {
      unit.setError(res.message);
      unitSelect.focus();
      return;
    }
    let focused = false;
    for (const issue of details?.issues ?? []) {
      const fieldName = issue.field.replace(/^body\./, '');
      if (fieldName.startsWith('attachments')) {
        files.setError(issue.message);
        continue;
      }
      const f = fields[fieldName];
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
    const units = treeOrder(res.data.items);
    replace(
      unitSelect,
      h('option', { value: '' }, units.length ? '请选择' : '暂无开通网上信访的单位'),
      // Villages and offices below a township carry its name, so two 一村 are never confused.
      ...units.map(({ unit: u, depth }) => {
        const parent = depth >= 2 ? res.data.items.find((p) => p.id === u.parentId) : undefined;
        return h('option', { value: u.id }, parent ? `${u.name}（${parent.name}）` : u.name);
      }),
    );
  });

  page.append(
    pageTitle('我要反映'),
    h('p', { class: 'lead' }, '请如实填写，标有“选填”的可以不填。提交后会得到查询码。'),
    form,
  );
  return page;
}
