/** The version of RAG Refresh, set by webpack from package.json (DefinePlugin). */
declare const __RAG_REFRESH_VERSION__: string | undefined;

export const APP_VERSION: string = typeof __RAG_REFRESH_VERSION__ === 'string' ? __RAG_REFRESH_VERSION__ : '0.0.0-dev';
