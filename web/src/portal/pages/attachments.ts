import { newKey, upload } from '../api.ts';
import { h, replace } from '../dom.ts';
import { fileProblem, fileSize, PORTAL_FILES } from '../format.ts';

// 附件 of the submission form: files are checked here (type, 5 MB), uploaded at once one by one,
// listed with their state and a delete button; the form sends the upload tokens.

interface Item {
  readonly name: string;
  readonly size: number;
  state: 'uploading' | 'done';
  token?: string;
  row: HTMLLIElement;
}

/** The attachments field: its element, the tokens to submit, whether uploads still run, and a way to drop an expired one. */
export function attachmentsField() {
  const items: Item[] = [];
  const input = h('input', {
    type: 'file',
    id: 'f-files',
    class: 'file-input',
    multiple: true,
    accept: '.jpg,.jpeg,.png,.pdf,image/jpeg,image/png,application/pdf',
    'aria-describedby': 'f-files-hint f-files-error',
  });
  const list = h('ul', { class: 'files', 'aria-live': 'polite', 'data-testid': 'attachments' });
  const error = h('p', { class: 'field-error', id: 'f-files-error', role: 'alert', hidden: true });
  const pick = h('label', { for: 'f-files', class: 'button file-button' }, '添加附件');
  const count = h('span', { class: 'muted file-count' });

  const setError = (message: string | null) => {
    error.textContent = message ?? '';
    error.hidden = !message;
  };
  const refresh = () => {
    replace(list, ...items.map((i) => i.row));
    const full = items.length >= PORTAL_FILES.maxFiles;
    input.disabled = full;
    pick.classList.toggle('disabled', full);
    count.textContent = items.length ? `已添加 ${items.length} / ${PORTAL_FILES.maxFiles} 个` : '';
  };
  const remove = (item: Item) => {
    items.splice(items.indexOf(item), 1);
    refresh();
    input.focus();
  };
  const row = (item: Item) => {
    const state = h('span', { class: 'file-state' }, '正在上传…');
    const del = h(
      'button',
      { type: 'button', class: 'button button-small', 'aria-label': `删除附件 ${item.name}` },
      '删除',
    );
    del.addEventListener('click', () => remove(item));
    item.row = h(
      'li',
      { class: 'file' },
      h('span', { class: 'file-name' }, item.name),
      h('span', { class: 'file-meta' }, fileSize(item.size), ' · ', state),
      del,
    );
    return state;
  };

  input.addEventListener('change', async () => {
    const files = Array.from(input.files ?? []);
    input.value = '';
    const problems: string[] = [];
    const room = PORTAL_FILES.maxFiles - items.length;
    if (files.length > room)
      problems.push(`最多添加${PORTAL_FILES.maxFiles}个附件，多出的${files.length - room}个没有添加。`);
    const uploads: Promise<void>[] = [];
    for (const file of files.slice(0, Math.max(0, room))) {
      const problem = fileProblem(file.name, file.size);
      if (problem) {
        problems.push(problem);
        continue;
      }
      const item: Item = { name: file.name, size: file.size, state: 'uploading', row: h('li') };
      const state = row(item);
      items.push(item);
      uploads.push(
        upload<{ token: string }>('/api/public/uploads', file, newKey()).then((res) => {
          if (res.ok) {
            item.state = 'done';
            item.token = res.data.token;
            state.textContent = '已上传';
            state.classList.add('ok');
            return;
          }
          if (items.includes(item)) items.splice(items.indexOf(item), 1);
          problems.push(res.message);
          refresh();
        }),
      );
    }
    setError(problems.length ? problems.join('\n') : null);
    refresh();
    await Promise.all(uploads);
    setError(problems.length ? problems.join('\n') : null);
  });

  const wrap = h(
    'div',
    { class: 'field' },
    h('p', { class: 'label', id: 'f-files-label' }, '附件', h('span', { class: 'optional' }, '（选填）')),
    h(
      'p',
      { class: 'field-hint', id: 'f-files-hint' },
      `现场照片或材料的扫描件，最多${PORTAL_FILES.maxFiles}个；只接受 JPG、PNG 图片和 PDF 文件，每个不超过${PORTAL_FILES.maxMb} MB。`,
    ),
    list,
    h('div', { class: 'file-pick' }, input, pick, count),
    error,
  );
  return {
    wrap,
    control: input,
    /** The tokens of the uploaded files, in order. */
    tokens: () => items.flatMap((i) => (i.token ? [i.token] : [])),
    /** Whether an upload is still running. */
    pending: () => items.some((i) => i.state === 'uploading'),
    /** Drops the n-th submitted attachment (expired or used) and says why. */
    expire(index: number, message: string) {
      const done = items.filter((i) => i.token);
      const item = done[index];
      if (item) items.splice(items.indexOf(item), 1);
      refresh();
      setError(message);
    },
    setError,
  };
}
