/**
 * Builds the add-in, after the `yo office` React task-pane template:
 *   taskpane.html  the pane (React + Fluent UI), opened by "RAG settings"
 *   commands.html  the function file behind "Refresh RAG" (no React in it)
 *   notice.html    the small dialog the ribbon command shows its result in
 *   assets/        icons and the support page
 *   manifest.xml   copied; in a production build its https://localhost:3000/
 *                  URLs are rewritten to ADDIN_BASE_URL
 *
 *   npm run build        production build into dist/addin (ADDIN_BASE_URL=https://…/)
 *   npm run build:dev    development build (localhost URLs)
 *   npm run dev-server   https://localhost:3000 with office-addin-dev-certs
 */
const path = require('path');
const webpack = require('webpack');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const pkg = require('./package.json');

const DEV_URL = 'https://localhost:3000/';
const DEV_PORT = 3000;
/** Used when ADDIN_BASE_URL is not set for a production build: reserved, so it cannot work by accident. */
const PLACEHOLDER_URL = 'https://rag-refresh.invalid/';

/** The production base URL: https, ending in "/". */
function productionUrl() {
  const raw = process.env.ADDIN_BASE_URL;
  if (!raw) {
    console.warn(`\nADDIN_BASE_URL is not set: dist/addin/manifest.xml will point at ${PLACEHOLDER_URL}.\nSet it to the HTTPS address the files will be served from, e.g. ADDIN_BASE_URL=https://addins.example.gov.uk/rag-refresh/ npm run build\n`);
    return PLACEHOLDER_URL;
  }
  const url = new URL(raw);
  if (url.protocol !== 'https:') throw new Error(`ADDIN_BASE_URL must be an https:// address (Office loads add-ins over HTTPS only), got ${raw}`);
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

/** Rewrites the development URLs of the manifest to the production ones (and drops the developers' comments). */
function manifestFor(content, dev, baseUrl) {
  const text = content.toString();
  if (dev) return text;
  return text.replace(/<!--[\s\S]*?-->\s*/g, '').split(DEV_URL).join(baseUrl);
}

async function httpsOptions() {
  const devCerts = require('office-addin-dev-certs');
  const options = await devCerts.getHttpsServerOptions();
  return { ca: options.ca, key: options.key, cert: options.cert };
}

module.exports = async (env = {}, options = {}) => {
  const dev = options.mode === 'development';
  const baseUrl = dev ? DEV_URL : productionUrl();
  const outDir = process.env.ADDIN_OUT_DIR ? path.resolve(process.env.ADDIN_OUT_DIR) : path.resolve(__dirname, 'dist', 'addin');

  const config = {
    devtool: dev ? 'source-map' : false,
    entry: {
      taskpane: './src/taskpane/index.tsx',
      // zod without eval before any schema is made: the page's Content Security Policy allows none
      commands: ['./src/taskpane/zod-jitless.ts', './src/commands/commands.ts'],
      notice: './src/commands/notice-page.ts',
    },
    output: {
      path: outDir,
      filename: '[name].js',
      clean: true,
    },
    resolve: {
      extensions: ['.ts', '.tsx', '.js', '.json'],
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            options: {
              // Type errors are `npm run typecheck`'s job; ES modules let webpack drop unused code.
              transpileOnly: true,
              compilerOptions: { module: 'esnext', moduleResolution: 'bundler', sourceMap: dev },
            },
          },
        },
      ],
    },
    plugins: [
      new webpack.DefinePlugin({ __RAG_REFRESH_VERSION__: JSON.stringify(pkg.version) }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/*.png', to: 'assets/[name][ext]' },
          { from: 'assets/*.html', to: 'assets/[name][ext]' },
          { from: 'manifest.xml', to: 'manifest.xml', transform: (content) => manifestFor(content, dev, baseUrl) },
        ],
      }),
      new HtmlWebpackPlugin({ filename: 'taskpane.html', template: './src/taskpane/taskpane.html', chunks: ['taskpane'] }),
      new HtmlWebpackPlugin({ filename: 'commands.html', template: './src/commands/commands.html', chunks: ['commands'] }),
      new HtmlWebpackPlugin({ filename: 'notice.html', template: './src/commands/notice.html', chunks: ['notice'] }),
    ],
    performance: { hints: false },
    devServer: {
      hot: true,
      headers: { 'Access-Control-Allow-Origin': '*' },
      port: Number(process.env.npm_package_config_dev_server_port || DEV_PORT),
      server: { type: 'https', options: env.WEBPACK_BUILD || !env.WEBPACK_SERVE ? undefined : await httpsOptions() },
    },
  };
  return config;
};

module.exports.manifestFor = manifestFor;
module.exports.DEV_URL = DEV_URL;
