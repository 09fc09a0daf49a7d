import { useI18n } from '../../i18n/i18n.tsx';

// Messages of the ledger (台账) export button and import page. Chinese first; the English
// dictionary has the same keys (a missing one is a compile error). Kept here, looked up by the
// current locale, so the feature adds no keys to the app-wide dictionaries.

const zh = {
  'export.button': '导出台账',
  'export.hint': '按当前筛选条件导出 Excel 台账（身份证号、电话为脱敏形式）',
  'import.button': '导入台账',
  'import.title': '导入历史台账',
  'import.subtitle': '上传 Excel 台账（.xlsx），先逐行检查，确认后再写入；检查不写入任何数据。',
  'import.template': '下载导入模板',
  'import.drop': '点击或拖入 .xlsx 台账文件',
  'import.dropHint': '不超过10 MB、20000行；列名与导出的台账相同，第2行为列名。',
  'import.notXlsx': '请选择 .xlsx 格式的 Excel 文件（可在 Excel 或 WPS 中另存为“Excel 工作簿”）。',
  'import.checking': '正在逐行检查…',
  'import.file': '文件：{name}',
  'import.summary': '共 {total} 行：{valid} 行通过，{invalid} 行有问题',
  'import.allValid': '全部行都通过了检查，可以导入。',
  'import.someInvalid':
    '有 {invalid} 行未通过检查：改正后重新上传，或只导入通过检查的 {valid} 行（未通过的行不会写入）。',
  'import.onlyProblems': '只看有问题的行',
  'import.col.row': '行号',
  'import.col.title': '标题',
  'import.col.result': '检查结果',
  'import.ok': '通过',
  'import.importAll': '全部导入',
  'import.importValid': '仅导入有效行',
  'import.importAllTip': '全部行都通过检查才能全部导入',
  'import.confirmValid': '只导入通过检查的 {valid} 行？未通过的 {invalid} 行不会写入。',
  'import.confirmOk': '导入',
  'import.cancel': '取消',
  'import.another': '换一个文件',
  'import.done': '已导入 {n} 件信访事项',
  'import.doneRejected': '，{n} 行未导入（原因见下表）',
  'import.imported': '已导入的事项',
  'import.backToList': '返回信访事项列表',
};

export type LedgerMessageKey = keyof typeof zh;

const en: Record<LedgerMessageKey, string> = {
  'export.button': 'Export ledger',
  'export.hint':
    'Download the cases of the current filters as an Excel ledger (ID numbers and phones masked)',
  'import.button': 'Import ledger',
  'import.title': 'Import a historical ledger',
  'import.subtitle':
    'Upload an Excel ledger (.xlsx). Every row is checked first; nothing is written until you confirm.',
  'import.template': 'Download template',
  'import.drop': 'Click or drop an .xlsx ledger here',
  'import.dropHint': 'At most 10 MB and 20,000 rows; the columns of the exported ledger, headers in row 2.',
  'import.notXlsx': 'Please choose an Excel workbook (.xlsx).',
  'import.checking': 'Checking every row…',
  'import.file': 'File: {name}',
  'import.summary': '{total} rows: {valid} passed, {invalid} with problems',
  'import.allValid': 'Every row passed. You can import them.',
  'import.someInvalid':
    '{invalid} rows have problems: correct them and upload again, or import only the {valid} rows that passed.',
  'import.onlyProblems': 'Only rows with problems',
  'import.col.row': 'Row',
  'import.col.title': 'Title',
  'import.col.result': 'Check',
  'import.ok': 'Passed',
  'import.importAll': 'Import all',
  'import.importValid': 'Import valid rows only',
  'import.importAllTip': 'Every row must pass to import all',
  'import.confirmValid': 'Import only the {valid} rows that passed? The {invalid} others are not written.',
  'import.confirmOk': 'Import',
  'import.cancel': 'Cancel',
  'import.another': 'Choose another file',
  'import.done': '{n} cases imported',
  'import.doneRejected': ', {n} rows not imported (reasons below)',
  'import.imported': 'Imported cases',
  'import.backToList': 'Back to the case list',
};

/** The ledger messages in the current locale, with `{name}` placeholders filled. */
export function useLedgerText() {
  const { locale } = useI18n();
  const dict = locale === 'en' ? en : zh;
  return (key: LedgerMessageKey, vars?: Record<string, string | number>) =>
    dict[key].replace(/\{(\w+)\}/g, (m, name: string) => (vars && name in vars ? String(vars[name]) : m));
}
