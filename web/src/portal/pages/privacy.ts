import { h } from '../dom.ts';
import { pageTitle } from '../ui.ts';

/** The plain-language privacy notice: what is kept, who sees it, how long, how it is protected. */
export function privacyNotice(): HTMLElement {
  return h(
    'div',
    { class: 'privacy' },
    h('h3', {}, '我们保存什么'),
    h('p', {}, '您的姓名、手机号码、身份证号码（如果填写）、您反映的内容和上传的附件（照片、材料）。'),
    h('h3', {}, '怎样通知您'),
    h('p', {}, '提交后，我们把事项编号和查询码用短信发到您填写的手机号码，办理单位也会用这个号码联系您。'),
    h('h3', {}, '谁能看到'),
    h(
      'p',
      {},
      '只有受理和办理您这件事的信访工作人员及有关领导能看到。检举控告的内容和您的身份绝不会告诉被检举控告的单位和个人。',
    ),
    h('h3', {}, '保存多久'),
    h('p', {}, '按信访档案管理规定保存，到期后按规定处理。'),
    h('h3', {}, '怎样保护'),
    h(
      'p',
      {},
      '手机号码和身份证号码加密保存，工作人员平时只看到部分号码（如 138****1234），确需查看完整号码时要说明理由并留下记录。查询办理进度的页面不显示您的任何个人信息。',
    ),
  );
}

/** The privacy page (linked from the home page). */
export function privacyPage(): HTMLElement {
  return h(
    'section',
    { class: 'page' },
    pageTitle('个人信息说明'),
    h('p', { class: 'lead' }, '通过网上信访提交诉求时，我们这样处理您的个人信息：'),
    privacyNotice(),
    h('p', {}, h('a', { href: '#submit', class: 'button button-primary' }, '我要反映')),
  );
}
