#!/usr/bin/env bash
# Install the Debian packages given as arguments where they are missing.
# Says clearly what to do when that is not possible (no apt, not root).
set -euo pipefail
missing=()
for pkg in "$@"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Debian パッケージをインストールします: ${missing[*]}" >&2
if ! command -v apt-get >/dev/null; then
  echo "エラー: apt-get がありません。次のパッケージを手動でインストールしてください: ${missing[*]}" >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo="sudo"; else
    echo "エラー: root 権限がないためインストールできません。管理者に次を依頼してください:" >&2
    echo "  apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
if ! $sudo apt-get install -y -q "${missing[@]}" >/dev/null 2>&1; then
  $sudo apt-get update -q >/dev/null
  $sudo apt-get install -y -q "${missing[@]}" >/dev/null \
    || { echo "エラー: apt-get install ${missing[*]} に失敗しました" >&2; exit 1; }
fi
