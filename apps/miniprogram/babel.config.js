// babel-preset-taro: https://docs.taro.zone/docs/next/babel-config
// JSX is compiled before babel by scripts/esbuild-jsx-loader.cjs (see config/index.ts), so the
// preset runs without its React part (which needs @babel/preset-react, not installed).
module.exports = {
  presets: [['taro', { framework: 'jsx-by-esbuild', ts: true, compiler: 'webpack5' }]],
};
