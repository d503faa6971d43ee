#!/usr/bin/env sh
# Installs Resistance Atlas for the current user, without root: the app (cargo install), its
# desktop entry and its icon, so it starts from the applications menu like any other.
#
#     sh tools/install.sh            # install
#     sh tools/install.sh --remove   # uninstall (keeps your data folder)
set -eu
cd "$(dirname "$0")/.."
data="${XDG_DATA_HOME:-$HOME/.local/share}"
bin="${CARGO_HOME:-$HOME/.cargo}/bin/resistance-atlas"
entry="$data/applications/resistance-atlas.desktop"
icon="$data/icons/hicolor/scalable/apps/resistance-atlas.svg"

if [ "${1:-}" = "--remove" ]; then
    cargo uninstall resistance-atlas || true
    rm -f "$entry" "$icon"
    echo "Removed. Your data (deck, saved state, logs) is still in $data/resistance-atlas."
    exit 0
fi

cargo install --path . --locked
mkdir -p "$(dirname "$entry")" "$(dirname "$icon")"
# The menu does not read your shell's PATH: point the entry at the installed binary.
sed "s|^Exec=resistance-atlas|Exec=\"$bin\"|" packaging/resistance-atlas.desktop > "$entry"
cp assets/icon.svg "$icon"
update-desktop-database "$data/applications" 2>/dev/null || true
gtk-update-icon-cache -q "$data/icons/hicolor" 2>/dev/null || true
echo "Installed $bin"
echo "Resistance Atlas is in your applications menu (desktop entry: $entry)."
