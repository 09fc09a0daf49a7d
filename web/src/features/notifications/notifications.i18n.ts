import { useI18n } from '../../i18n/i18n.tsx';

// Messages of the notification bell, the notifications page and the webhook settings.
// Chinese first; the English dictionary has the same keys (a missing one is a compile error).

const zh = {
  'nav.notifications': '我的提醒',
  'nav.webhooks': '消息推送',
  'bell.label': '提醒',
  'bell.unread': '{count} 条未读提醒',
  'bell.none': '没有未读提醒',
  'bell.all': '查看全部提醒',
  'list.title': '我的提醒',
  'list.subtitle': '期限提醒、督办通知和答复结果都在这里；未读的排在前面。',
  'list.unreadOnly': '只看未读',
  'list.readAll': '全部标为已读',
  'list.readAllDone': '已将 {count} 条提醒标为已读',
  'list.empty': '暂时没有提醒',
  'list.unread': '未读',
  'list.open': '查看',
  'hooks.title': '消息推送（钉钉 / 企业微信机器人）',
  'hooks.subtitle':
    '期限提醒和督办单会推送到这里配置的群机器人；消息只含案号和期限，不含信访人信息和诉求内容。',
  'hooks.add': '添加机器人',
  'hooks.unit': '单位',
  'hooks.kind': '类型',
  'hooks.kind.dingtalk': '钉钉',
  'hooks.kind.wecom': '企业微信',
  'hooks.name': '名称',
  'hooks.url': 'Webhook 地址',
  'hooks.secret': '加签密钥（仅钉钉，可不填）',
  'hooks.signed': '已加签',
  'hooks.active': '启用',
  'hooks.inactive': '已停用',
  'hooks.disable': '停用',
  'hooks.enable': '启用',
  'hooks.created': '已添加机器人',
  'hooks.updated': '已保存',
  'hooks.empty': '还没有配置机器人',
  'hooks.required': '请填写{field}',
  'hooks.outbox': '最近的外发消息',
  'hooks.status.pending': '待发送',
  'hooks.status.delivered': '已送达',
  'hooks.status.failed': '发送失败',
  'hooks.attempts': '尝试 {n} 次',
  'common.save': '保存',
  'common.cancel': '取消',
};

export type NotificationsMessageKey = keyof typeof zh;

const en: Record<NotificationsMessageKey, string> = {
  'nav.notifications': 'My reminders',
  'nav.webhooks': 'Message push',
  'bell.label': 'Reminders',
  'bell.unread': '{count} unread reminders',
  'bell.none': 'No unread reminders',
  'bell.all': 'See all reminders',
  'list.title': 'My reminders',
  'list.subtitle': 'Deadline reminders, supervision notices and replies; unread ones first.',
  'list.unreadOnly': 'Unread only',
  'list.readAll': 'Mark all as read',
  'list.readAllDone': '{count} reminders marked as read',
  'list.empty': 'No reminders',
  'list.unread': 'Unread',
  'list.open': 'Open',
  'hooks.title': 'Message push (DingTalk / WeCom robots)',
  'hooks.subtitle':
    'Deadline reminders and supervision notices are pushed to these group robots; messages carry only the case number and the deadline.',
  'hooks.add': 'Add robot',
  'hooks.unit': 'Unit',
  'hooks.kind': 'Kind',
  'hooks.kind.dingtalk': 'DingTalk',
  'hooks.kind.wecom': 'WeCom',
  'hooks.name': 'Name',
  'hooks.url': 'Webhook URL',
  'hooks.secret': 'Signing secret (DingTalk only, optional)',
  'hooks.signed': 'Signed',
  'hooks.active': 'Active',
  'hooks.inactive': 'Disabled',
  'hooks.disable': 'Disable',
  'hooks.enable': 'Enable',
  'hooks.created': 'Robot added',
  'hooks.updated': 'Saved',
  'hooks.empty': 'No robots configured',
  'hooks.required': 'Please enter {field}',
  'hooks.outbox': 'Recent outgoing messages',
  'hooks.status.pending': 'Pending',
  'hooks.status.delivered': 'Delivered',
  'hooks.status.failed': 'Failed',
  'hooks.attempts': '{n} attempts',
  'common.save': 'Save',
  'common.cancel': 'Cancel',
};

/** The notifications messages in the current locale, with `{name}` placeholders filled. */
export function useNotificationsText() {
  const { locale } = useI18n();
  const dict = locale === 'en' ? en : zh;
  return (key: NotificationsMessageKey, vars?: Record<string, string | number>) =>
    dict[key].replace(/\{(\w+)\}/g, (m, name: string) => (vars && name in vars ? String(vars[name]) : m));
}

/** A notifications message in a given locale (the menu, outside the pages). */
export function notificationsText(locale: 'zh-CN' | 'en', key: NotificationsMessageKey): string {
  return (locale === 'en' ? en : zh)[key];
}
