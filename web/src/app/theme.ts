import type { ThemeConfig } from 'antd';

/** System fonts with the CJK faces Chinese offices have (Noto Sans CJK SC on Linux). */
export const FONT_FAMILY =
  '-apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Helvetica Neue", Arial, sans-serif';

export const BRAND = {
  blue: '#1b4f9c',
  deepBlue: '#0f3470',
  red: '#c0262d',
  page: '#f2f4f8',
} as const;

/** A restrained government-blue theme with a red accent. */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: BRAND.blue,
    colorInfo: BRAND.blue,
    colorError: '#c8323a',
    colorSuccess: '#2f8a4c',
    colorWarning: '#c77c12',
    colorLink: BRAND.blue,
    colorBgLayout: BRAND.page,
    colorInfoBg: '#eef3fb',
    colorInfoBorder: '#c6d5ee',
    colorSuccessBg: '#ebf6ee',
    colorSuccessBorder: '#b7dcc3',
    colorWarningBg: '#fdf4e6',
    colorWarningBorder: '#f0d3a3',
    colorErrorBg: '#fcedee',
    colorErrorBorder: '#f1c1c4',
    borderRadius: 6,
    fontFamily: FONT_FAMILY,
    fontSize: 14,
  },
  components: {
    Layout: { headerBg: BRAND.deepBlue, headerHeight: 56, headerPadding: '0 20px', siderBg: '#ffffff' },
    Menu: { itemBorderRadius: 6, itemSelectedBg: '#e8eef8', itemSelectedColor: BRAND.blue, itemHeight: 44 },
    Card: { headerFontSize: 15 },
    Tree: { nodeSelectedBg: '#dfe8f6', nodeHoverBg: '#eef3fa' },
    Table: { headerBg: '#f5f7fb', headerColor: '#3a4456' },
    Button: { primaryShadow: 'none' },
  },
};
