// The public portal entry: plain DOM, no staff bundle. Filled in by the portal issue.
const root = document.getElementById('portal');
if (root) {
  root.innerHTML =
    '<main style="font-family:sans-serif;padding:16px"><h1>网上信访</h1><p>网上信访功能正在建设中。请到所在乡镇（街道）信访接待窗口或拨打信访电话反映诉求。</p></main>';
}
