/* The preview's .xlsx writer, ExcelJS, built from its own source instead of its prebuilt browser
 * file (dist/exceljs.min.js). The prebuilt file carries 2023 copies of browserify's Node
 * polyfills, among them the crypto-browserify stack (elliptic, browserify-sign, pbkdf2, ...):
 * unreachable from the pane, which only writes a workbook, yet flagged by every bundle scanner
 * (docs/security.md). From source, the Node built-ins ExcelJS names resolve to the few browser
 * packages it needs (events, buffer, a small process shim, readable-stream, its own dependency) and
 * the rest, crypto included, to nothing: crypto is required only by sheet protection with a
 * password, which the pane never calls. The chunk halves in size (about 925 KB to 495 KB).
 * Required by webpack.config.js; only ExcelJS's modules name these built-ins. */
const path = require('path');
const webpack = require('webpack');

const shim = path.join(__dirname, 'browser-process.js');

module.exports = {
  alias: { exceljs$: require.resolve('exceljs/lib/exceljs.bare.js') },
  fallback: {
    crypto: false,
    fs: false,
    path: false,
    os: false,
    zlib: false,
    util: false,
    assert: false,
    constants: false,
    stream: require.resolve('readable-stream'),
    events: require.resolve('events/'),
    buffer: require.resolve('buffer/'),
  },
  plugins: [new webpack.ProvidePlugin({ Buffer: ['buffer', 'Buffer'], process: shim })],
};
