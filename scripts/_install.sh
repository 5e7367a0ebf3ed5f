# Shared install steps of scripts/demo and scripts/test (sourced, not run).

install_python() {
  if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
  fi
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -r "$1"
}

install_front_end() {
  if ! command -v npm >/dev/null 2>&1; then
    echo "npm is required for the design system (install Node.js 20 or newer)." >&2
    exit 1
  fi
  npm ci --prefix site --no-audit --no-fund --loglevel=error
}

# Browser tests drive Debian's Chromium; Playwright's own browser download does not work
# everywhere. Without Chromium those tests are skipped with a clear reason.
install_browser() {
  if command -v chromium >/dev/null 2>&1 || [ -n "${CHROMIUM_PATH:-}" ]; then
    return
  fi
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
  else
    echo "Chromium not found: browser tests will be skipped (install the 'chromium' package)." >&2
  fi
}

# PDF downloads (WeasyPrint) need the Pango library, and Korean text needs a CJK font.
install_pdf_libraries() {
  if ldconfig -p 2>/dev/null | grep -q "libpango-1.0.so" && fc-list 2>/dev/null | grep -qi "cjk"; then
    return
  fi
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-cjk >/dev/null
  else
    echo "Pango or a CJK font is missing: PDF downloads will answer 503 (install libpango-1.0-0 and fonts-noto-cjk)." >&2
  fi
}

# The deployment test runs nginx with deploy/nginx.conf in front of gunicorn; without nginx
# that test is skipped with a reason.
install_nginx() {
  if command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; then
    return
  fi
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null
  else
    echo "nginx not found: the nginx deployment test will be skipped (install 'nginx-light')." >&2
  fi
}
