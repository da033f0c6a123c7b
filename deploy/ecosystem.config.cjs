// PM2 process file for HelpDesk Pro (the operations guide's ecosystem.config.js).
//   pm2 start deploy/ecosystem.config.cjs --env production
// Cluster mode runs 2 workers behind one port; it needs PostgreSQL (DATABASE_URL), because the
// embedded database serves one process only (a second worker stops with a message saying so).
// Paths: HELPDESK_DIR (default /var/www/helpdesk) and HELPDESK_LOG_DIR (default /var/log/helpdesk).
const path = require('node:path');

const root = process.env.HELPDESK_DIR || '/var/www/helpdesk';
const logDir = process.env.HELPDESK_LOG_DIR || '/var/log/helpdesk';

module.exports = {
  apps: [
    {
      name: 'helpdesk-backend',
      script: './dist/index.js',
      cwd: path.join(root, 'backend'),
      instances: 2,
      exec_mode: 'cluster',
      env: {
        NODE_ENV: process.env.NODE_ENV || 'production',
        BACKEND_PORT: process.env.BACKEND_PORT || 4000,
      },
      env_production: {
        NODE_ENV: 'production',
        BACKEND_PORT: 4000,
      },
      error_file: path.join(logDir, 'error.log'),
      out_file: path.join(logDir, 'out.log'),
      log_date_format: 'YYYY-MM-DD HH:mm:ss Z',
      max_memory_restart: '500M',
      // index.ts finishes in-flight requests on SIGINT/SIGTERM within SHUTDOWN_TIMEOUT_MS (10 s).
      kill_timeout: 12000,
    },
  ],
};
