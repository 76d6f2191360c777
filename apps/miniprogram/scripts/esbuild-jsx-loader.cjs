/**
 * Webpack pre-loader: compiles JSX in our .tsx files with esbuild (already a root dependency)
 * before Taro's babel-loader runs. babel-preset-taro would need @babel/preset-react for this,
 * which is not installed; esbuild's automatic runtime produces the same `react/jsx-runtime` calls.
 */
const { transform } = require('esbuild');

module.exports = function esbuildJsxLoader(source) {
  const done = this.async();
  transform(source, {
    loader: 'tsx',
    jsx: 'automatic',
    jsxImportSource: 'react',
    target: 'es2019',
    sourcefile: this.resourcePath,
    sourcemap: false,
  }).then(
    (out) => done(null, out.code),
    (err) => done(err),
  );
};
