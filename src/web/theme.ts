import type { ThemeConfig } from 'antd';

/** A sober government look: deep green for the environment, system CJK fonts first. */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1f6f4a',
    colorLink: '#1f6f4a',
    borderRadius: 6,
    fontFamily: '-apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Helvetica Neue", Arial, sans-serif',
  },
  components: {
    Layout: { headerBg: '#ffffff', headerPadding: '0 24px', bodyBg: '#f4f6f5' },
  },
};
