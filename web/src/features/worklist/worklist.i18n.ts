import { useI18n } from '../../i18n/i18n.tsx';

// Messages of the worklist parts (menu counters, saved filters). Chinese first; the English
// dictionary has the same keys (a missing one is a compile error). Kept here, looked up by the
// current locale, so the feature adds no keys to the app-wide dictionaries.

const zh = {
  'counters.myPending': '我的待办',
  'counters.dueSoon': '即将到期',
  'counters.overdue': '已超期',
  'counters.unassigned': '待交办',
  'counters.summary': '我的待办 {myPending}，即将到期 {dueSoon}，已超期 {overdue}',
  'flags.mine': '我办理的',
  'flags.open': '未办结',
  'filters.label': '常用筛选',
  'filters.save': '保存当前筛选',
  'filters.name': '筛选名称',
  'filters.namePlaceholder': '如：我的超期件',
  'filters.saved': '已保存筛选“{name}”',
  'filters.deleted': '已删除筛选“{name}”',
  'filters.deleteConfirm': '删除筛选“{name}”？',
  'filters.nothing': '当前没有任何筛选条件，请先在下面选择筛选条件再保存。',
  'filters.nameRequired': '请填写筛选名称',
  'filters.all': '全部事项',
};

export type WorklistMessageKey = keyof typeof zh;

const en: Record<WorklistMessageKey, string> = {
  'counters.myPending': 'My pending',
  'counters.dueSoon': 'Due soon',
  'counters.overdue': 'Overdue',
  'counters.unassigned': 'Unassigned',
  'counters.summary': 'My pending {myPending}, due soon {dueSoon}, overdue {overdue}',
  'flags.mine': 'Mine',
  'flags.open': 'Not finished',
  'filters.label': 'Saved filters',
  'filters.save': 'Save current filter',
  'filters.name': 'Filter name',
  'filters.namePlaceholder': 'e.g. My overdue cases',
  'filters.saved': 'Filter “{name}” saved',
  'filters.deleted': 'Filter “{name}” deleted',
  'filters.deleteConfirm': 'Delete filter “{name}”?',
  'filters.nothing': 'No filter is set. Choose filters below first, then save them.',
  'filters.nameRequired': 'Please enter a name',
  'filters.all': 'All cases',
};

/** The worklist messages in the current locale, with `{name}` placeholders filled. */
export function useWorklistText() {
  const { locale } = useI18n();
  const dict = locale === 'en' ? en : zh;
  return (key: WorklistMessageKey, vars?: Record<string, string | number>) =>
    dict[key].replace(/\{(\w+)\}/g, (m, name: string) => (vars && name in vars ? String(vars[name]) : m));
}
