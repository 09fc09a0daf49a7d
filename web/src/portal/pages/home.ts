import { h } from '../dom.ts';
import { pageTitle } from '../ui.ts';

/** Home: what the portal is, the three things one can do, and the privacy notice. */
export function homePage(): HTMLElement {
  return h(
    'section',
    { class: 'page home' },
    pageTitle('网上信访'),
    h(
      'p',
      { class: 'lead' },
      '不用跑腿，在手机上向乡镇（街道）和县直部门反映问题、提出建议，并随时查看办理进度。',
    ),
    h(
      'nav',
      { class: 'big-actions', 'aria-label': '您可以' },
      h(
        'a',
        { href: '#submit', class: 'big-action big-action-primary' },
        h('span', { class: 'big-action-title' }, '我要反映'),
        h('span', { class: 'big-action-text' }, '提建议、检举控告、反映诉求或申诉'),
      ),
      h(
        'a',
        { href: '#track', class: 'big-action' },
        h('span', { class: 'big-action-title' }, '查询进度'),
        h('span', { class: 'big-action-text' }, '凭查询码查看办理情况和答复，评价或请求复查'),
      ),
      h(
        'a',
        { href: '#book', class: 'big-action' },
        h('span', { class: 'big-action-title' }, '预约接访'),
        h('span', { class: 'big-action-text' }, '预约领导接访日，当面向单位领导反映'),
      ),
    ),
    h('h2', {}, '办理流程'),
    h(
      'ol',
      { class: 'steps' },
      h('li', {}, '提交后马上得到事项编号和查询码，请抄写或截图保存。'),
      h('li', {}, '受理单位一般在15日内告知是否受理。'),
      h('li', {}, '受理后一般在60日内办结并书面答复。'),
      h('li', {}, '收到答复后可以评价；不满意的，可在30日内请求复查。'),
    ),
    h(
      'p',
      { class: 'muted' },
      '您的个人信息加密保存，只有办理人员能看到。',
      h('a', { href: '#privacy' }, '查看个人信息说明'),
    ),
  );
}
