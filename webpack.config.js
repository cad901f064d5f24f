/* Builds the add-in for a shared runtime: one page (taskpane.html) hosts both the task pane and
 * the custom functions, so cells and pane share one JavaScript context and one engine cache.
 * functions.json is generated from the JSDoc tags of functions/functions.ts; a metadata error fails
 * the build (CustomFunctionsMetadataPlugin pushes it into compilation.errors). */
const path = require('path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const CustomFunctionsMetadataPlugin = require('custom-functions-metadata-plugin');
const TerserPlugin = require('terser-webpack-plugin');
const exceljsSource = require('./scripts/exceljs-source-build');

/** Where the add-in is served from: ADDIN_PUBLIC_URL, normalised or rejected (scripts/manifestUrls.js). */
const { publicUrlFromEnv, rewriteManifest } = require('./scripts/manifestUrls');

module.exports = (_env, argv = {}) => {
  const dev = argv.mode !== 'production';
  const publicUrl = dev ? null : publicUrlFromEnv(process.env);
  return {
    mode: dev ? 'development' : 'production',
    devtool: dev ? 'source-map' : false,
    entry: {
      // functions.js stays whole (Excel and the tests load it alone) and holds the webpack runtime;
      // taskpane.js depends on it, so it carries only the pane's own modules and reaches the
      // engine through the functions bundle's module registry: one engine, one run cache per page.
      functions: './functions/functions.ts',
      taskpane: { import: './taskpane/taskpane.ts', dependOn: 'functions' },
    },
    output: {
      path: path.resolve(__dirname, 'dist'),
      filename: '[name].js',
      // The chunk registry lives on globalThis: `self` does not exist where the functions bundle
      // is evaluated without a window (a JavaScript-only custom-functions runtime, Node's vm).
      globalObject: 'globalThis',
      // Chunks (the lazily loaded ExcelJS) are fetched beside the page that loads the bundles;
      // 'auto' would look for document.currentScript, which a window-less runtime does not have.
      publicPath: '',
      clean: true,
    },
    resolve: { extensions: ['.ts', '.js'], alias: exceljsSource.alias, fallback: exceljsSource.fallback },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: { loader: 'ts-loader', options: { transpileOnly: true, compilerOptions: { noEmit: false, module: 'es2020', moduleResolution: 'bundler' } } },
        },
        { test: /\.css$/, type: 'asset/source' },
      ],
    },
    performance: { hints: false },
    optimization: {
      // webpack's own minifier and settings (two passes) but for `reduce_vars`: with it, terser
      // merges functions used once into their callers, and the larger functions V8 then has to
      // optimize made a first sheet of 1,000 calls 3-4% slower (docs/performance.md, sixth round).
      minimizer: [new TerserPlugin({ terserOptions: { compress: { passes: 2, reduce_vars: false } } })],
    },
    plugins: [
      ...exceljsSource.plugins,
      new CustomFunctionsMetadataPlugin({ output: 'functions.json', input: './functions/functions.ts' }),
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './taskpane/taskpane.html',
        chunks: ['taskpane', 'functions'],
        scriptLoading: 'defer',
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/*', to: 'assets/[name][ext]' },
          {
            from: 'manifest.xml',
            to: '[name][ext]',
            transform: (content) => (publicUrl ? rewriteManifest(content.toString(), publicUrl) : content),
          },
        ],
      }),
    ],
    devServer: {
      static: { directory: path.resolve(__dirname, 'dist') },
      headers: { 'Access-Control-Allow-Origin': '*' },
      port: 3000,
    },
  };
};
