import type { PublicPetition } from '../../../../shared/contracts/portal.ts';
import { call, newKey, retryAdvice } from '../api.ts';
import { h, replace } from '../dom.ts';
import { chineseDate, groupCode, LIMITS, normaliseCode, textProblem } from '../format.ts';
import { busy, field, notice, pageTitle } from '../ui.ts';

// 查询进度: the case of a query code in plain words — status, every deadline with its last day,
// the opinions with their documents — and, when the server allows it, the satisfaction form and
// the review request form.

type Opinion = NonNullable<PublicPetition['answer']>;

const DEADLINE_STATES: Record<string, string> = {
  open: '未到期',
  met: '已按期完成',
  overdue: '已超过期限',
};

const RATINGS = [
  { value: 'satisfied', label: '满意' },
  { value: 'basically_satisfied', label: '基本满意' },
  { value: 'dissatisfied', label: '不满意' },
] as const;

function deadlineList(p: PublicPetition): HTMLElement {
  if (!p.deadlines.length) return h('p', { class: 'muted' }, '目前没有需要等待的期限。');
  return h(
    'ul',
    { class: 'deadlines', 'data-testid': 'deadlines' },
    ...p.deadlines.map((d) =>
      h(
        'li',
        { class: `deadline deadline-${d.status}` },
        h('span', { class: 'deadline-label' }, d.label),
        h('span', { class: 'deadline-due' }, `最后一天：${chineseDate(d.due)}`),
        h(
          'span',
          { class: 'deadline-state' },
          d.status === 'met' && d.metOn
            ? `已于${chineseDate(d.metOn)}完成`
            : (DEADLINE_STATES[d.status] ?? d.status),
        ),
      ),
    ),
  );
}

function opinionBlock(title: string, docName: string, o: Opinion, testId: string): HTMLElement {
  return h(
    'section',
    { class: 'card', 'data-testid': testId, 'aria-label': title },
    h('h2', {}, title),
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, '结论'),
      h('dd', { class: 'decision' }, o.decisionLabel),
      h('dt', {}, '答复单位'),
      h('dd', {}, o.unitName),
      h('dt', {}, '答复日期'),
      h('dd', {}, chineseDate(o.on)),
    ),
    o.text ? h('p', { class: 'opinion-text' }, o.text) : null,
    o.documentUrl
      ? h('a', { href: o.documentUrl, class: 'button', download: true }, `下载${docName}（Word 文档）`)
      : null,
  );
}

/** The satisfaction form of the latest opinion; `done` reloads the case. */
function evaluationForm(code: string, done: (message: string) => void): HTMLElement {
  const form = h('form', { class: 'card', novalidate: true, 'aria-labelledby': 'eval-title' });
  const error = h('p', { class: 'field-error', id: 'eval-error', hidden: true });
  const radios = RATINGS.map((r) =>
    h('input', { type: 'radio', name: 'rating', value: r.value, id: `r-${r.value}` }),
  );
  const comment = field({
    id: 'eval-comment',
    label: '您的意见',
    optional: true,
    control: h('textarea', { rows: 3, maxlength: LIMITS.comment }),
    hint: '不满意的，请说说哪里不满意，办理单位会回访您。',
  });
  const status = h('div', { class: 'form-status' });
  const submit = h('button', { type: 'submit', class: 'button button-primary button-block' }, '提交评价');
  form.append(
    h('h2', { id: 'eval-title' }, '对答复满意吗？'),
    h(
      'fieldset',
      { class: 'field', 'aria-describedby': 'eval-error' },
      h('legend', {}, '请选择'),
      h(
        'div',
        { class: 'choices choices-row' },
        ...RATINGS.map((r, i) =>
          h(
            'label',
            { class: 'choice', for: `r-${r.value}` },
            radios[i] as HTMLInputElement,
            h('strong', {}, r.label),
          ),
        ),
      ),
      error,
    ),
    comment.wrap,
    status,
    submit,
  );
  const key = newKey();
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    replace(status);
    const rating = radios.find((r) => r.checked)?.value;
    error.textContent = rating ? '' : '请选择满意、基本满意或不满意';
    error.hidden = Boolean(rating);
    const tooLong = textProblem('意见', comment.control.value, LIMITS.comment, false);
    comment.setError(tooLong);
    if (!rating) return (radios[0] as HTMLInputElement).focus();
    if (tooLong) return comment.control.focus();
    busy(submit, true, '提交评价', '正在提交…');
    const res = await call<{ ratingLabel: string; returnVisitOpened: boolean }>(
      'POST',
      `/api/public/petitions/${encodeURIComponent(code)}/evaluation`,
      { rating, comment: comment.control.value.trim() || undefined },
      key,
    );
    busy(submit, false, '提交评价', '正在提交…');
    if (!res.ok) {
      status.append(
        notice(
          'error',
          res.status === 429 ? `${res.message}${retryAdvice(res.retryAfterSeconds)}` : res.message,
        ),
      );
      return;
    }
    done(
      res.data.returnVisitOpened
        ? `感谢您的评价（${res.data.ratingLabel}）。办理单位会与您联系回访，了解您不满意的原因。`
        : `感谢您的评价（${res.data.ratingLabel}）。`,
    );
  });
  return form;
}

/** The review (or re-review) request form with its last day and the reviewing unit. */
function reviewForm(p: PublicPetition, code: string, done: (message: string) => void): HTMLElement {
  const word = p.reviewRequestKind === 'rereview' ? '复核' : '复查';
  const form = h('form', { class: 'card', novalidate: true, 'aria-labelledby': 'review-title' });
  const reason = field({
    id: 'review-reason',
    label: `请求${word}的理由`,
    control: h('textarea', { rows: 4 }),
    hint: '说明对答复哪里不服、有什么新的情况或证据。',
  });
  const status = h('div', { class: 'form-status' });
  const submit = h('button', { type: 'submit', class: 'button button-primary button-block' }, `请求${word}`);
  form.append(
    h('h2', { id: 'review-title' }, `不服答复？可以请求${word}`),
    h(
      'dl',
      { class: 'facts', 'data-testid': 'review-window' },
      p.reviewRequestDue ? h('dt', {}, '最后一天') : null,
      p.reviewRequestDue ? h('dd', { class: 'strong' }, chineseDate(p.reviewRequestDue)) : null,
      p.reviewUnitName ? h('dt', {}, `${word}单位`) : null,
      p.reviewUnitName ? h('dd', {}, p.reviewUnitName) : null,
    ),
    reason.wrap,
    status,
    submit,
  );
  const key = newKey();
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    replace(status);
    const problem = textProblem(`请求${word}的理由`, reason.control.value, LIMITS.reason);
    reason.setError(problem);
    if (problem) return reason.control.focus();
    busy(submit, true, `请求${word}`, '正在提交…');
    const res = await call<{ unitName: string; opinionDue: string | null }>(
      'POST',
      `/api/public/petitions/${encodeURIComponent(code)}/review-request`,
      { reason: reason.control.value.trim() },
      key,
    );
    busy(submit, false, `请求${word}`, '正在提交…');
    if (!res.ok) {
      status.append(
        notice(
          'error',
          res.status === 429 ? `${res.message}${retryAdvice(res.retryAfterSeconds)}` : res.message,
        ),
      );
      return;
    }
    done(
      `已请求${word}，${res.data.unitName}将${res.data.opinionDue ? `在${chineseDate(res.data.opinionDue)}前` : ''}作出${word}意见。`,
    );
  });
  return form;
}

/** The case view of a query code. */
function caseView(p: PublicPetition, code: string, reload: (message: string) => void): HTMLElement {
  const review = p.review;
  const rereview = p.rereview;
  return h(
    'div',
    { class: 'case', 'data-testid': 'case' },
    h(
      'section',
      { class: 'card status-card', 'aria-label': '办理状态' },
      h('p', { class: 'status', 'data-testid': 'status' }, p.statusLabel),
      h(
        'dl',
        { class: 'facts' },
        h('dt', {}, '事项编号'),
        h('dd', { 'data-testid': 'case-number' }, p.number),
        h('dt', {}, '收到日期'),
        h('dd', {}, chineseDate(p.receivedOn)),
        p.unitName ? h('dt', {}, '办理单位') : null,
        p.unitName ? h('dd', {}, p.unitName) : null,
      ),
      p.confidential
        ? h('p', { class: 'muted' }, '检举控告事项在网上只显示办理状态和期限，答复会书面送达您。')
        : null,
    ),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'deadlines-title' },
      h('h2', { id: 'deadlines-title' }, '办理期限'),
      deadlineList(p),
    ),
    p.answer ? opinionBlock('答复（处理意见）', '处理意见书', p.answer, 'answer') : null,
    review
      ? h(
          'section',
          { class: 'card', 'data-testid': 'review' },
          h('h2', {}, '复查'),
          h('p', {}, `您于${chineseDate(review.requestedOn)}请求复查，由${review.unitName}办理。`),
        )
      : null,
    review?.opinion ? opinionBlock('复查意见', '复查意见书', review.opinion, 'review-opinion') : null,
    rereview
      ? h(
          'section',
          { class: 'card', 'data-testid': 'rereview' },
          h('h2', {}, '复核'),
          h('p', {}, `您于${chineseDate(rereview.requestedOn)}请求复核，由${rereview.unitName}办理。`),
        )
      : null,
    rereview?.opinion ? opinionBlock('复核意见', '复核意见书', rereview.opinion, 'rereview-opinion') : null,
    p.evaluation
      ? h(
          'p',
          { class: 'card', 'data-testid': 'evaluation' },
          `您的评价：${p.evaluation.ratingLabel}（${chineseDate(p.evaluation.createdAt)}）`,
        )
      : null,
    p.canEvaluate ? evaluationForm(code, reload) : null,
    p.canRequestReview ? reviewForm(p, code, reload) : null,
  );
}

/** The tracking page; `initialCode` (from a fresh submission) is looked up at once. */
export function trackPage(initialCode: string | null): HTMLElement {
  const form = h('form', { class: 'card', novalidate: true, 'aria-label': '输入查询码' });
  const input = h('input', {
    type: 'text',
    autocomplete: 'off',
    autocapitalize: 'characters',
    spellcheck: 'false',
    maxlength: 40,
    class: 'code-input',
  });
  const code = field({
    id: 'f-code',
    label: '查询码',
    control: input,
    hint: '提交时得到的12位数字和字母，不分大小写，可以带空格。',
  });
  const submit = h('button', { type: 'submit', class: 'button button-primary button-block' }, '查询');
  form.append(code.wrap, submit);
  const result = h('div', { class: 'result', 'aria-live': 'polite' });

  const load = async (value: string, message?: string) => {
    busy(submit, true, '查询', '正在查询…');
    const res = await call<PublicPetition>('GET', `/api/public/petitions/${encodeURIComponent(value)}`);
    busy(submit, false, '查询', '正在查询…');
    if (!res.ok) {
      replace(
        result,
        notice(
          'error',
          res.status === 429 ? `${res.message}${retryAdvice(res.retryAfterSeconds)}` : res.message,
        ),
      );
      return;
    }
    const done = message ? notice('success', message) : null;
    replace(
      result,
      done,
      caseView(res.data, value, (m) => void load(value, m)),
    );
    // After an evaluation or a request its form is gone: the focus moves to the confirmation.
    if (done) {
      done.tabIndex = -1;
      done.focus();
    }
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = normaliseCode(input.value);
    let problem: string | null = null;
    if (!value) problem = '请输入查询码';
    else if (!/^[0-9A-Z]{12}$/.test(value))
      problem = `查询码是12位数字和字母，您输入了${value.length}位，请核对`;
    code.setError(problem);
    if (problem) {
      replace(result);
      input.focus();
      return;
    }
    input.value = groupCode(value);
    void load(value);
  });

  if (initialCode) {
    input.value = groupCode(initialCode);
    void load(initialCode);
  }
  return h(
    'section',
    { class: 'page' },
    pageTitle('查询进度'),
    h('p', { class: 'lead' }, '输入查询码，查看办理进度和答复。'),
    form,
    result,
  );
}
