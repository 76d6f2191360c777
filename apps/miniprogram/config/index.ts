import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import webpack from 'webpack';

/**
 * Taro build configuration. Hand-scaffolded (no `taro init`, see docs/TOOLCHAIN.md).
 * H5 goes to dist/h5 and is served by the API at /h5/; weapp goes to dist/weapp.
 */
const srcDir = path.resolve(__dirname, '..', 'src');

/** JSX in our .tsx files is compiled by esbuild before babel (see scripts/esbuild-jsx-loader.cjs). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- webpack-chain's types are not installed
function jsxByEsbuild(chain: any): void {
  // npm placed @tarojs/plugin-framework-react under this app's node_modules, not the root's.
  chain.resolve.modules.add(path.resolve(__dirname, '..', 'node_modules')).add('node_modules');
  chain.module
    .rule('jsx-by-esbuild')
    .test(/\.tsx$/)
    .include.add(srcDir)
    .end()
    .enforce('pre')
    .use('esbuild-jsx')
    .loader(path.resolve(__dirname, '..', 'scripts/esbuild-jsx-loader.cjs'));
}

export default defineConfig<'webpack5'>(async () => {
  const env = process.env.TARO_ENV ?? 'h5';
  const config: UserConfigExport<'webpack5'> = {
    projectName: 'zczr-miniprogram',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${env}`,
    plugins: [],
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    logger: { quiet: true, stats: false },
    alias: {
      // @zczr/id-card needs area names from @zczr/divisions, which reads files with node:fs.
      // The browser gets a small province-only table instead (see src/shims/divisions.ts).
      '@zczr/divisions': path.resolve(__dirname, '..', 'src/shims/divisions.ts'),
      '@': path.resolve(__dirname, '..', 'src'),
    },
    // Unset TARO_APP_* variables would otherwise stay as `process.env.…` and fail in the browser.
    defineConstants: {
      'process.env.TARO_APP_API_BASE': JSON.stringify(process.env.TARO_APP_API_BASE ?? ''),
    },
    copy: { patterns: env === 'h5' ? [{ from: 'src/favicon.svg', to: 'dist/h5/favicon.svg' }] : [], options: {} },
    mini: {
      postcss: { pxtransform: { enable: true, config: {} }, cssModules: { enable: false } },
      optimizeMainPackage: { enable: true },
      webpackChain: jsxByEsbuild,
    },
    h5: {
      publicPath: '/h5/',
      staticDirectory: 'static',
      router: { mode: 'browser', basename: '/h5' },
      // The API's Content-Security-Policy (script-src 'self') blocks inline scripts, so Taro's inline
      // rem script is left empty (an empty inline script is not executed, hence not blocked) and
      // src/h5-root-size.ts does the same job from the bundle.
      htmlPluginOption: { script: '' },
      // One script for all pages: a grid worker who goes offline can still open every page.
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- webpack-chain's types are not installed
      webpackChain(chain: any) {
        jsxByEsbuild(chain);
        chain.plugin('single-chunk').use(webpack.optimize.LimitChunkCountPlugin, [{ maxChunks: 1 }]);
      },
      output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[contenthash:8].js' },
      miniCssExtractPluginOption: { ignoreOrder: true, filename: 'css/[name].[contenthash:8].css', chunkFilename: 'css/[name].[contenthash:8].css' },
      postcss: { autoprefixer: { enable: true, config: {} }, cssModules: { enable: false } },
    },
  };
  return config;
});
