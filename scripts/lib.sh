# Shared by scripts/demo and scripts/test. Source it; do not run it.
# Installs what is missing (Debian 12 packages only), then configures and builds.
set -euo pipefail

OMB_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Every package the project needs on a fresh Debian 12 (root, minimal install).
# Build: toolchain and libraries (Boost: header-only Boost.Math). Run: word lists.
# PDFs: poppler-cpp (text, page images), Tesseract with Dutch (OCR), cairo and DejaVu (the tests
# make their PDFs). Bench/test helpers: sqlite3 shell, time, ripgrep, chromium (renders the HTML
# reports headless), curl (the web tests), pdftotext and tesseract (the PDF benchmark's yardsticks). tests/e2e/tools_test.sh fails when a test calls a program not named here.
OMB_PACKAGES=(
  build-essential cmake ninja-build pkg-config git
  libicu-dev libre2-dev libsqlite3-dev sqlite3
  catch2 libcli11-dev nlohmann-json3-dev libtomlplusplus-dev libxxhash-dev
  libstemmer-dev libhunspell-dev hunspell-nl wdutch libcpp-httplib-dev libboost-dev
  libpoppler-cpp-dev libtesseract-dev tesseract-ocr-nld libcairo2-dev fonts-dejavu-core
  time ripgrep chromium curl
  poppler-utils tesseract-ocr
)

omb_say() { printf '%s\n' "$*" >&2; }

# Install missing packages; quiet when nothing is missing.
omb_install_deps() {
  local missing=()
  local p
  for p in "${OMB_PACKAGES[@]}" "$@"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$p")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  omb_say "ombudsmine: installing ${#missing[@]} missing package(s): ${missing[*]}"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { omb_say "ombudsmine: not root and no sudo; install: ${missing[*]}"; return 1; }
    sudo="sudo"
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# omb_build DIR BUILD_TYPE [extra cmake args...]
omb_build() {
  local dir="$1" type="$2"; shift 2
  local jobs
  jobs="$(nproc 2>/dev/null || echo 2)"
  if [ ! -f "$dir/build.ninja" ]; then
    cmake -S "$OMB_ROOT" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE="$type" "$@" >/dev/null
  fi
  cmake --build "$dir" -j "$jobs"
}
